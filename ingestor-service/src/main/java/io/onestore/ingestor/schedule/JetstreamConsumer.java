package io.onestore.ingestor.schedule;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.bluesky.BlueskyNormalizer;
import io.onestore.ingestor.capture.bluesky.HandleResolver;
import io.onestore.ingestor.capture.bluesky.StreamMatcher;
import io.onestore.ingestor.config.BlueskySettings;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.index.HeldPosts;
import io.onestore.ingestor.index.PostDeletions;
import io.onestore.ingestor.index.StreamEngagement;
import io.onestore.ingestor.source.bluesky.JetstreamClient;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.ingestor.targets.CoverageLedger;
import io.onestore.ingestor.targets.SourceCursors;
import io.onestore.ingestor.targets.StreamCoverage;
import io.onestore.ingestor.targets.Target;
import io.onestore.ingestor.targets.TargetLeases;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import io.onestore.model.document.TargetDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Bluesky as a stream: one Jetstream subscription for all watched hashtags, matched client-side, in batches of at most
 * {@code batch-size} events or {@code batch-interval}. Per batch, in this order: matched posts go to the indexer and
 * the batch waits until Elasticsearch acknowledged them; deleted posts are removed; then the cursor ({@code time_us}
 * of the batch's last event) is written to {@code source-cursors} (behind live at most every {@code cursor-interval}:
 * a cursor not stored only lengthens a replay). A restart or a dropped connection resumes from the
 * cursor minus {@code cursor-overlap}: the overlap is indexed again under the same ids, so nothing is lost and nothing
 * is stored twice. Reconnects back off exponentially and go to the next endpoint in turn.
 *
 * <p>The invariant: the position, the stored cursor and the ledger's covered range never run ahead of documents
 * Elasticsearch acknowledged ({@link BulkIndexer#indexAcknowledged}). Spooled is not acknowledged (the spool's memory
 * part dies with a {@code kill -9}, and the stream can replay what it would keep), so a batch whose writes were
 * spooled, timed out or were cut short by a shutdown fails before anything moves and is read again.
 *
 * <p>Backpressure: a batch is handled on a worker while the socket is not read (one batch in hand, at most
 * {@code batch-size} buffered), so a burst waits in TCP, not in memory. A resume point older than the endpoints can
 * replay ({@code replay-window}) is recorded as an {@code api_window} gap of every watched Bluesky target.
 *
 * <p>Likes and reposts of posts we hold are counted into post metrics ({@link StreamEngagement}) after the posts
 * are flushed and before the cursor moves.
 *
 * <p>Events about posts {@link HeldPosts} knows we do not hold (most likes, reposts and deletions on the network) cost
 * no round trip: a batch with no match and nothing about a held post touches Elasticsearch only for the cursor.
 *
 * <p>Deletions wait while the indexer has spooled writes (a spooled post replayed after its deletion would come back);
 * until they are done the cursor is held before them, so a restart sees them again.
 */
public final class JetstreamConsumer implements AutoCloseable {

    public static final String SOURCE = "bluesky-jetstream";
    public static final String CURSOR_KEY = "firehose";
    private static final Logger log = LoggerFactory.getLogger(JetstreamConsumer.class);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final JetstreamClient client;
    private final BlueskyNormalizer normalizer;
    private final BulkIndexer indexer;
    private final PostDeletions deletions;
    private final StreamEngagement engagement;
    private final HeldPosts held;
    private final SourceCursors cursors;
    private final StreamCoverage coverage;
    private final StreamCoverage profileCoverage;
    private final HandleResolver handles;
    private final TargetLeases targets;
    private final Supplier<Set<String>> fileTargetIds;
    private final BlueskySettings settings;
    private final Clock clock;
    private final AtomicInteger endpoint = new AtomicInteger();

    // Written by the one worker that handles batches (concatMap: one at a time), read by the reconnecting loop.
    private volatile Long position;
    private volatile Instant watchedAt = Instant.MIN;
    private volatile Set<String> watchedTags = Set.of();
    /** The watched Bluesky profiles by DID, refreshed with the tags (a handle is resolved to its DID). */
    private volatile Map<String, Target> watchedDids = Map.of();

    private final Map<String, Long> pendingDeletes = new LinkedHashMap<>();
    private final JetstreamBackfill backfill;
    /** Tags already asked whether they are new to the stream (worker-owned, like pendingDeletes). */
    private final Set<String> backfillChecked = new HashSet<>();

    private final List<JetstreamBackfill.Run> backfills = new CopyOnWriteArrayList<>();
    private volatile Disposable running;
    private volatile boolean closed;
    /** Held while a batch is handled; close waits for it. */
    private final ReentrantLock batchInHand = new ReentrantLock();
    /** Reconnects since the last batch handled: the backoff grows with them and starts again after a good batch. */
    private final AtomicInteger failuresInARow = new AtomicInteger();
    /** Connections opened since start: names a connection in the debug log. */
    private final AtomicLong sessions = new AtomicLong();

    private volatile long events;
    /** Time spent handling batches (the rest the worker waits for the socket): where a slow stream's time goes. */
    private volatile long busyNanos;
    /** When the cursor was last stored (worker-owned): behind live it is stored at most every cursor-interval. */
    private Instant cursorWrittenAt = Instant.MIN;

    public JetstreamConsumer(
            JetstreamClient client,
            BlueskyNormalizer normalizer,
            BulkIndexer indexer,
            PostDeletions deletions,
            StreamEngagement engagement,
            HeldPosts held,
            SourceCursors cursors,
            CoverageLedger ledger,
            TargetLeases targets,
            Supplier<Set<String>> fileTargetIds,
            HandleResolver handles,
            BlueskySettings settings,
            Clock clock) {
        this.client = client;
        this.normalizer = normalizer;
        this.indexer = indexer;
        this.deletions = deletions;
        this.engagement = engagement;
        this.held = held;
        this.cursors = cursors;
        this.coverage = new StreamCoverage(ledger, Platform.BLUESKY, settings.coverageInterval());
        this.profileCoverage =
                new StreamCoverage(ledger, Platform.BLUESKY, TargetDocument.Kind.PROFILE, settings.coverageInterval());
        this.handles = handles;
        this.backfill = new JetstreamBackfill(client, normalizer, indexer, deletions, held, coverage, settings, clock);
        this.targets = targets;
        this.fileTargetIds = fileTargetIds;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts reading; once closed, a consumer stays closed (a restart is a new consumer, as after a restart). */
    public synchronized void start() {
        if (closed || (running != null && !running.isDisposed())) {
            return;
        }
        running = Mono.defer(this::session)
                .then(Mono.<Void>error(new IllegalStateException("the endpoint closed the stream")))
                .retryWhen(Retry.from(failures -> failures.concatMap(signal -> {
                    int next = endpoint.incrementAndGet();
                    Duration wait = reconnectWait(failuresInARow.getAndIncrement());
                    log.warn(
                            "Jetstream disconnected ({}); reconnecting to endpoint {} from cursor {} in {}",
                            signal.failure().toString(),
                            Math.floorMod(next, settings.endpoints().size()),
                            position,
                            wait);
                    return Mono.delay(wait);
                })))
                .subscribe(null, e -> log.error("Jetstream consumer stopped", e));
    }

    /**
     * Stops reading and waits (at most {@link #CLOSE_WAIT}) for the batch in hand to end, so nothing of the stream is
     * written after this returns: at shutdown the indexer and the Elasticsearch client close after the consumer, and a
     * batch still running then could not have its writes acknowledged. What was handed to the indexer stays with it;
     * the cursor stays where the last acknowledged batch left it.
     */
    @Override
    public synchronized void close() {
        log.debug("closing; a batch in hand: {}, position {}", batchInHand.isLocked(), position);
        closed = true;
        if (running != null) {
            running.dispose();
        }
        backfills.forEach(JetstreamBackfill.Run::dispose);
        try {
            if (batchInHand.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                batchInHand.unlock();
            } else {
                log.warn(
                        "A Jetstream batch was still being handled after {}; its cursor will not be stored",
                        CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The wait before the {@code n}-th reconnect in a row: doubled each time, from the first batch handled again. */
    private Duration reconnectWait(int n) {
        Duration wait = settings.reconnectBackoff().multipliedBy(1L << Math.min(n, 20));
        return wait.compareTo(settings.reconnectBackoffMax()) > 0 ? settings.reconnectBackoffMax() : wait;
    }

    /** Events read since start (matched or not): the stream's progress, for health and tests. */
    public long events() {
        return events;
    }

    /**
     * Seconds spent handling batches since start: divided by the time elapsed, the share of the time the consumer is
     * the bound (the rest it waits for the endpoint).
     */
    public double busySeconds() {
        return busyNanos / 1e9;
    }

    /** Back-fills running, or over with deletions the live stream has not taken over yet: for health and tests. */
    public int backfills() {
        return backfills.size();
    }

    /** The {@code time_us} the next connection resumes from (before the overlap); null before the first. */
    public Long position() {
        return position;
    }

    private Mono<Void> session() {
        long session = sessions.incrementAndGet();
        AtomicLong sessionLast = new AtomicLong(Long.MIN_VALUE);
        return Mono.fromCallable(this::resumeFrom)
                .doOnNext(from -> log.debug("s{} resumes from {}", session, from.orElse(null)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(from -> client.subscribe(
                        settings.endpoints()
                                .get(Math.floorMod(
                                        endpoint.get(), settings.endpoints().size())),
                        from.orElse(null),
                        stream -> stream.bufferTimeout(settings.batchSize(), settings.batchInterval(), true)
                                .concatMap(
                                        batch -> Mono.fromRunnable(() -> {
                                                    outOfOrder(session, sessionLast, batch);
                                                    handle(session, batch);
                                                })
                                                .subscribeOn(Schedulers.boundedElastic()),
                                        1)
                                .then()));
    }

    /**
     * Within one connection Jetstream's {@code time_us} only grows: an event older than the one before it means events
     * were reordered or lost between the socket and the batches, which the cursor and the ledger would not show. Warned
     * (issue 17's hunt found none), not failed: an endpoint that ever sent one would otherwise never get past it.
     */
    private static void outOfOrder(long session, AtomicLong sessionLast, List<JetstreamEvent> batch) {
        long previous = sessionLast.get();
        for (JetstreamEvent event : batch) {
            if (event.timeUs() < previous) {
                log.warn("s{} event {} after {}: out of order", session, event.timeUs(), previous);
            }
            previous = event.timeUs();
        }
        sessionLast.set(previous);
    }

    /** Where to resume: the position in memory, else the stored cursor, minus the overlap; a gap when too old. */
    private Optional<Long> resumeFrom() throws IOException {
        Long from = position;
        if (from == null) {
            String stored = cursors.read(SOURCE, List.of(CURSOR_KEY)).get(CURSOR_KEY);
            from = stored == null ? null : Long.valueOf(stored);
            position = from;
        }
        if (from == null) {
            return Optional.empty(); // first start: live from now
        }
        Instant now = clock.instant();
        Instant at = instant(from);
        Instant oldestReplayable = now.minus(settings.replayWindow());
        if (at.isBefore(oldestReplayable)) {
            recordGap(at, oldestReplayable, now);
        }
        return Optional.of(from - settings.cursorOverlap().toNanos() / 1000);
    }

    private void handle(long session, List<JetstreamEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        batchInHand.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the consumer is closed: the batch is read again after a restart");
            }
            long start = System.nanoTime();
            try {
                handleBatch(session, batch);
            } catch (RuntimeException e) {
                log.debug(
                        "s{} batch {}..{} failed: {}",
                        session,
                        batch.get(0).timeUs(),
                        batch.get(batch.size() - 1).timeUs(),
                        e.toString());
                throw e;
            } finally {
                busyNanos += System.nanoTime() - start;
            }
            failuresInARow.set(0);
        } finally {
            batchInHand.unlock();
        }
    }

    private void handleBatch(long session, List<JetstreamEvent> batch) {
        events += batch.size();
        Instant now = clock.instant();
        Set<String> tags = watchedTags(now);
        held.load(); // once (a failure: every post may be held, asked of Elasticsearch as before)
        backfillNew(tags, batch.get(0).timeUs());
        Set<String> deletedHere = batch.stream()
                .filter(JetstreamEvent::isPostDelete)
                .map(JetstreamEvent::uri)
                .collect(Collectors.toSet());
        List<JetstreamEvent> creates = batch.stream()
                .filter(e -> e.isPostCreate() && !deletedHere.contains(e.uri()))
                .toList();
        Map<Target, List<JetstreamEvent>> matched = StreamMatcher.match(creates, tags, watchedDids);
        List<CaptureBatch> posts = new ArrayList<>();
        StreamMatcher.toIndex(matched).forEach((target, found) -> posts.add(normalizer.normalize(target, found, now)));
        acknowledged(posts, "posts");
        long last = batch.get(batch.size() - 1).timeUs();
        countEngagement(batch, last, now);
        // Only now, with every write of the batch acknowledged, may anything remember it as read.
        matched.forEach((target, found) -> found.forEach(
                post -> coverageOf(target).matched(target.value(), new Mark(instant(post.timeUs()), post.uri()))));
        takeOverBackfillDeletions();
        for (JetstreamEvent event : batch) {
            if (event.isPostDelete()) {
                String id = DocumentIds.post(Platform.BLUESKY, event.uri());
                backfills.forEach(run -> run.deletedLive().add(id));
                // A post the store certainly does not hold has nothing to delete (a back-fill writing it meanwhile
                // has it in deletedLive, and deletes it after its last write).
                if (held.mayHold(id)) {
                    pendingDeletes.putIfAbsent(id, event.timeUs());
                }
            }
        }
        if (!pendingDeletes.isEmpty()
                && indexer.isIdle()
                && deletions.delete(new ArrayList<>(pendingDeletes.keySet()))) {
            engagement.forget(pendingDeletes.keySet());
            pendingDeletes.clear();
        }
        long safe = pendingDeletes.values().stream().mapToLong(t -> t - 1).min().orElse(last);
        position = last;
        long stored = Math.min(safe, last);
        boolean cursorStored = false;
        if (cursorDue(batch, now) && cursors.write(SOURCE, Map.of(CURSOR_KEY, Long.toString(stored)), now)) {
            cursorWrittenAt = now;
            cursorStored = true;
            covered(tags, instant(batch.get(0).timeUs()), instant(stored), now);
        }
        if (log.isDebugEnabled()) {
            log.debug(
                    "s{} batch of {} {}..{} on {}: posts {} acknowledged, cursor {}{}",
                    session,
                    batch.size(),
                    batch.get(0).timeUs(),
                    last,
                    Thread.currentThread().getName(),
                    matched.values().stream()
                            .flatMap(List::stream)
                            .map(e -> e.timeUs() + " " + e.rkey())
                            .toList(),
                    stored,
                    cursorStored ? " stored with the ledger" : " not stored");
        }
    }

    /**
     * Whether to store the cursor after this batch: always at live (a batch that closed on {@code batch-interval},
     * not full), so a quiet stream's cursor is where it stopped; behind live (full batches, many a second) at most
     * every {@code cursor-interval}. A cursor not stored costs only a longer replay after a restart, which ids and
     * {@code stream_through_us} make harmless.
     */
    private boolean cursorDue(List<JetstreamEvent> batch, Instant now) {
        return batch.size() < settings.batchSize() || !now.isBefore(cursorWrittenAt.plus(settings.cursorInterval()));
    }

    /**
     * Writes a batch's documents and fails the batch unless Elasticsearch acknowledged every one: the position, the
     * cursor and the ledger then stay where they were, and the stream reads the batch again (a write that went to the
     * spool meanwhile lands under the same id when it is replayed).
     */
    private void acknowledged(List<CaptureBatch> writes, String what) {
        if (!writes.isEmpty() && !indexer.indexAcknowledged(writes, FLUSH_TIMEOUT)) {
            throw new NotAcknowledged(what);
        }
    }

    /**
     * Likes and reposts of posts we hold, counted into metrics after the batch's posts were acknowledged (a post liked
     * in the batch that created it is found) and before the cursor moves; when Elasticsearch cannot be read or does
     * not acknowledge the metrics, the batch fails and is read again from the position before it.
     */
    private void countEngagement(List<JetstreamEvent> batch, long last, Instant now) {
        try {
            var metrics = engagement.count(batch, last, now);
            acknowledged(
                    metrics.isEmpty()
                            ? List.of()
                            : List.of(new CaptureBatch(null, now, List.of(), metrics, null, null, List.of())),
                    "metrics");
            engagement.written(metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the posts liked or reposted", e);
        }
    }

    /**
     * Deletions a finished back-fill could not apply join the stream's own, tried at every batch until done. They are
     * older than the stream's position, so they do not hold the cursor ({@link Long#MAX_VALUE} as their time): a
     * restart would not read them again, and what this process does not apply is lost with it, as the rest of a
     * back-fill cut short is.
     */
    private void takeOverBackfillDeletions() {
        for (JetstreamBackfill.Run run : backfills) {
            if (run.handedOver().get()) {
                run.unapplied().forEach(id -> pendingDeletes.putIfAbsent(id, Long.MAX_VALUE));
            }
        }
        backfills.removeIf(run -> run.handedOver().get());
    }

    /** Tags new to the stream (no ledger yet) are replayed from an older cursor on a second connection. */
    private void backfillNew(Set<String> tags, long liveFrom) {
        if (!backfill.enabled() || backfillChecked.containsAll(tags)) {
            return;
        }
        Set<String> fresh = new HashSet<>(tags);
        fresh.removeAll(backfillChecked);
        try {
            Set<String> unknown = coverage.unknown(fresh);
            backfillChecked.addAll(fresh);
            if (!unknown.isEmpty()) {
                URI at = settings.endpoints()
                        .get(Math.floorMod(endpoint.get(), settings.endpoints().size()));
                backfills.add(backfill.start(unknown, at, instant(liveFrom), () -> position));
            }
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Cannot tell whether Bluesky {} are new to the stream; asking again next batch: {}",
                    fresh,
                    e.toString());
        }
    }

    /** The ledger follows the stored cursor only: what a restart would read again is not yet covered. */
    private void covered(Set<String> tags, Instant from, Instant to, Instant now) {
        try {
            coverage.covered(tags, from, to, now);
            profileCoverage.covered(watchedProfiles(), from, to, now);
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot write the Bluesky coverage ledger: {}", e.toString());
        }
    }

    private StreamCoverage coverageOf(Target target) {
        return target.kind() == TargetDocument.Kind.PROFILE ? profileCoverage : coverage;
    }

    /** The values (handle or DID) of the watched profiles whose DID is known. */
    private Set<String> watchedProfiles() {
        return watchedDids.values().stream().map(Target::value).collect(Collectors.toUnmodifiableSet());
    }

    private Set<String> watchedTags(Instant now) {
        if (watchedAt.plus(settings.targetsRefresh()).isAfter(now)) {
            return watchedTags;
        }
        try {
            List<Target> watched = targets.watched(Platform.BLUESKY, fileTargetIds.get());
            Set<String> read = watched.stream()
                    .filter(t -> t.kind() == TargetDocument.Kind.HASHTAG)
                    .map(Target::value)
                    .collect(Collectors.toUnmodifiableSet());
            if (!read.equals(watchedTags)) {
                log.info("Bluesky stream now matches {} (was {}), from position {}", read, watchedTags, position);
            }
            watchedTags = read;
            watchedDids = Map.copyOf(handles.dids(watched, now));
            watchedAt = now;
        } catch (IOException | RuntimeException e) {
            if (watchedAt.equals(Instant.MIN)) {
                // Never read: matching against nothing would move the cursor past the watched tags' posts.
                throw new IllegalStateException("cannot read the watched Bluesky targets yet: " + e, e);
            }
            log.warn("Cannot read the watched Bluesky targets; keeping {}: {}", watchedTags, e.toString());
        }
        return watchedTags;
    }

    private void recordGap(Instant from, Instant to, Instant now) {
        try {
            coverage.replayGap(watchedTags(now), from, to, now);
            profileCoverage.replayGap(watchedProfiles(), from, to, now);
            log.warn("Jetstream resumes at {}, older than it can replay: gap {} to {} recorded", from, from, to);
        } catch (IOException e) {
            log.warn("Cannot record the Jetstream gap {} to {}: {}", from, to, e.toString());
        }
    }

    /** A batch whose writes Elasticsearch did not all acknowledge: it is read again, nothing moved past it. */
    static final class NotAcknowledged extends IllegalStateException {
        NotAcknowledged(String what) {
            super("Elasticsearch did not acknowledge every write of the batch's " + what
                    + " (spooled, closing or unreachable); the batch is read again");
        }
    }

    private static Instant instant(long timeUs) {
        return Instant.ofEpochSecond(timeUs / 1_000_000, (timeUs % 1_000_000) * 1000);
    }
}
