package io.onestore.ingestor.schedule;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.bluesky.BlueskyNormalizer;
import io.onestore.ingestor.capture.bluesky.StreamMatcher;
import io.onestore.ingestor.config.BlueskySettings;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.index.HeldPosts;
import io.onestore.ingestor.index.PostDeletions;
import io.onestore.ingestor.index.StreamEngagement;
import io.onestore.ingestor.source.bluesky.JetstreamClient;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.ingestor.targets.SourceCursors;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bluesky stream's batches, one at a time, and what moves with them: the position, the stored cursor, the
 * ledgers, the deletions waiting and the back-fills. The order within a batch and the invariant are
 * {@link JetstreamConsumer}'s (the connection side); this is their code.
 */
final class JetstreamBatches {

    // The stream's one logger: its trace (each batch, each resume point) is the consumer's, whichever part logs it.
    private static final Logger log = LoggerFactory.getLogger(JetstreamConsumer.class);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final BlueskyNormalizer normalizer;
    private final BulkIndexer indexer;
    private final PostDeletions deletions;
    private final StreamEngagement engagement;
    private final HeldPosts held;
    private final SourceCursors cursors;
    private final WatchedBluesky watched;
    private final BlueskySettings settings;
    private final Clock clock;
    /** The endpoint the stream reads now: a back-fill reads the same. */
    private final Supplier<URI> endpoint;

    // Written by the one worker that handles batches (concatMap: one at a time), read by the reconnecting loop.
    private volatile Long position;

    private final Map<String, Long> pendingDeletes = new LinkedHashMap<>();
    private final StreamBackfills backfills;
    private volatile boolean closed;
    /** Held while a batch is handled; close waits for it. */
    private final ReentrantLock batchInHand = new ReentrantLock();

    private volatile long events;
    /** Time spent handling batches (the rest the worker waits for the socket): where a slow stream's time goes. */
    private volatile long busyNanos;
    /** When the cursor was last stored (worker-owned): behind live it is stored at most every cursor-interval. */
    private Instant cursorWrittenAt = Instant.MIN;

    JetstreamBatches(
            JetstreamClient client,
            BlueskyNormalizer normalizer,
            BulkIndexer indexer,
            PostDeletions deletions,
            StreamEngagement engagement,
            HeldPosts held,
            SourceCursors cursors,
            WatchedBluesky watched,
            BlueskySettings settings,
            Clock clock,
            Supplier<URI> endpoint) {
        this.normalizer = normalizer;
        this.indexer = indexer;
        this.deletions = deletions;
        this.engagement = engagement;
        this.held = held;
        this.cursors = cursors;
        this.watched = watched;
        this.settings = settings;
        this.clock = clock;
        this.endpoint = endpoint;
        this.backfills = new StreamBackfills(
                new JetstreamBackfill(
                        client, normalizer, indexer, deletions, held, watched.tagCoverage(), settings, clock),
                watched);
    }

    Long position() {
        return position;
    }

    long events() {
        return events;
    }

    long busyNanos() {
        return busyNanos;
    }

    int backfills() {
        return backfills.size();
    }

    /** From now on a batch that starts fails (it is read again after a restart). */
    void closing() {
        log.debug("closing; a batch in hand: {}, position {}", batchInHand.isLocked(), position);
        closed = true;
    }

    /** Stops the back-fills and waits (at most {@link #CLOSE_WAIT}) for the batch in hand to end. */
    void awaitBatchInHand() {
        backfills.disposeAll();
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

    /** Where to resume: the position in memory, else the stored cursor, minus the overlap; a gap when too old. */
    Optional<Long> resumeFrom() throws IOException {
        Long from = position;
        if (from == null) {
            String stored = cursors.read(JetstreamConsumer.SOURCE, List.of(JetstreamConsumer.CURSOR_KEY))
                    .get(JetstreamConsumer.CURSOR_KEY);
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
            watched.recordGap(at, oldestReplayable, now);
        }
        return Optional.of(from - settings.cursorOverlap().toNanos() / 1000);
    }

    /**
     * Handles one batch (not empty), or fails it with nothing moved.
     *
     * @throws RuntimeException when the batch is to be read again ({@link NotAcknowledged}, closed, unreadable)
     */
    void handle(long session, List<JetstreamEvent> batch) {
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
        } finally {
            batchInHand.unlock();
        }
    }

    private void handleBatch(long session, List<JetstreamEvent> batch) {
        events += batch.size();
        Instant now = clock.instant();
        Set<String> tags = watched.tags(now);
        held.load(); // once (a failure: every post may be held, asked of Elasticsearch as before)
        backfills.startForNew(tags, instant(batch.get(0).timeUs()), endpoint.get(), () -> position);
        Set<String> deletedHere = batch.stream()
                .filter(JetstreamEvent::isPostDelete)
                .map(JetstreamEvent::uri)
                .collect(Collectors.toSet());
        List<JetstreamEvent> creates = batch.stream()
                .filter(e -> e.isPostCreate() && !deletedHere.contains(e.uri()))
                .toList();
        Map<Target, List<JetstreamEvent>> matched = StreamMatcher.match(creates, tags, watched.dids());
        List<CaptureBatch> posts = new ArrayList<>();
        StreamMatcher.toIndex(matched).forEach((target, found) -> posts.add(normalizer.normalize(target, found, now)));
        acknowledged(posts, "posts");
        long last = batch.get(batch.size() - 1).timeUs();
        countEngagement(batch, last, now);
        // Only now, with every write of the batch acknowledged, may anything remember it as read.
        matched.forEach((target, found) -> found.forEach(post ->
                watched.coverageOf(target).matched(target.value(), new Mark(instant(post.timeUs()), post.uri()))));
        backfills.takeOverDeletions(pendingDeletes);
        for (JetstreamEvent event : batch) {
            if (event.isPostDelete()) {
                String id = DocumentIds.post(Platform.BLUESKY, event.uri());
                backfills.deletedLive(id);
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
        if (cursorDue(batch, now)
                && cursors.write(
                        JetstreamConsumer.SOURCE, Map.of(JetstreamConsumer.CURSOR_KEY, Long.toString(stored)), now)) {
            cursorWrittenAt = now;
            cursorStored = true;
            watched.covered(tags, instant(batch.get(0).timeUs()), instant(stored), now);
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
     * Likes and reposts of posts we hold, counted into metrics and onto the posts after the batch's posts were acknowledged (a post liked
     * in the batch that created it is found) and before the cursor moves; when Elasticsearch cannot be read or does
     * not acknowledge the metrics, the batch fails and is read again from the position before it.
     */
    private void countEngagement(List<JetstreamEvent> batch, long last, Instant now) {
        try {
            var metrics = engagement.count(batch, last, now);
            engagement.writePosts(metrics); // the posts' counts first: never behind their newest metrics
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

    /** A batch whose writes Elasticsearch did not all acknowledge: it is read again, nothing moved past it. */
    static final class NotAcknowledged extends IllegalStateException {
        NotAcknowledged(String what) {
            super("Elasticsearch did not acknowledge every write of the batch's " + what
                    + " (spooled, closing or unreachable); the batch is read again");
        }
    }

    static Instant instant(long timeUs) {
        return Instant.ofEpochSecond(timeUs / 1_000_000, (timeUs % 1_000_000) * 1000);
    }
}
