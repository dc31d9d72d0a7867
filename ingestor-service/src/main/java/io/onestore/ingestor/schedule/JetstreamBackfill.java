package io.onestore.ingestor.schedule;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.bluesky.BlueskyNormalizer;
import io.onestore.ingestor.capture.bluesky.StreamMatcher;
import io.onestore.ingestor.config.BlueskySettings;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.index.HeldPosts;
import io.onestore.ingestor.index.PostDeletions;
import io.onestore.ingestor.source.bluesky.JetstreamClient;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.ingestor.targets.StreamCoverage;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Back-fill of hashtags new to the stream: a second Jetstream connection replays from an older cursor ({@code
 * backfill}, at most the endpoint's {@code replay-window}) and keeps only the new tags' posts, until it reaches where
 * the live stream is, then closes. It applies the deletions it replays, after the posts they delete were written, so a
 * post deleted before the live stream's position stays deleted; deletions the live stream applies while a back-fill runs
 * are handed to it ({@link Run#deletedLive}) and applied again after its last write, so a post the live stream deleted
 * while the back-fill was writing it stays deleted too. Then the ledger's {@code covered_since} of those tags is
 * the back-fill's start. Deletions it cannot apply by its end (Elasticsearch refused them, or the indexer was busy at
 * that moment) are handed to the live stream ({@link Run#unapplied}), which tries them with its own at every batch
 * until they are done: a deletion is never dropped. A dropped back-fill connection resumes from its own position; a restart before it is done
 * does not resume it (the tags then have a ledger, covered from the live start), which the ledger shows plainly.
 */
final class JetstreamBackfill {

    private static final Logger log = LoggerFactory.getLogger(JetstreamBackfill.class);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(1);

    private final JetstreamClient client;
    private final BlueskyNormalizer normalizer;
    private final BulkIndexer indexer;
    private final PostDeletions deletions;
    private final HeldPosts held;
    private final StreamCoverage coverage;
    private final BlueskySettings settings;
    private final Clock clock;

    JetstreamBackfill(
            JetstreamClient client,
            BlueskyNormalizer normalizer,
            BulkIndexer indexer,
            PostDeletions deletions,
            HeldPosts held,
            StreamCoverage coverage,
            BlueskySettings settings,
            Clock clock) {
        this.client = client;
        this.normalizer = normalizer;
        this.indexer = indexer;
        this.deletions = deletions;
        this.held = held;
        this.coverage = coverage;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * One back-fill in progress.
     *
     * @param deletedLive post ids the live stream deleted while it ran (the live stream adds to it before deleting);
     *     bounded by the network's deletions over the back-fill's duration
     * @param unapplied post ids whose deletion the back-fill could not apply by its end, for the live stream to
     *     apply; filled before {@code handedOver} is set
     * @param handedOver set once the back-fill is over and {@code unapplied} is complete
     */
    record Run(
            Set<String> deletedLive,
            AtomicBoolean over,
            Set<String> unapplied,
            AtomicBoolean handedOver,
            Disposable[] subscription) {

        void dispose() {
            if (subscription[0] != null) {
                subscription[0].dispose();
            }
        }
    }

    boolean enabled() {
        return !settings.backfill().isZero() && !settings.backfill().isNegative();
    }

    /**
     * Replays {@code tags} from {@code backfill} before {@code liveFrom} (stream time) up to the live stream's
     * position, which {@code live} answers while the back-fill runs.
     */
    Run start(Set<String> tags, URI endpoint, Instant liveFrom, Supplier<Long> live) {
        Run run = new Run(
                ConcurrentHashMap.newKeySet(),
                new AtomicBoolean(),
                ConcurrentHashMap.newKeySet(),
                new AtomicBoolean(),
                new Disposable[1]);
        Duration back = settings.backfill().compareTo(settings.replayWindow()) < 0
                ? settings.backfill()
                : settings.replayWindow();
        Instant oldest = clock.instant().minus(settings.replayWindow());
        Instant start = liveFrom.minus(back).isBefore(oldest) ? oldest : liveFrom.minus(back);
        AtomicLong at = new AtomicLong(micros(start));
        // Set only when an event reaches the live position: an endpoint that closes before is a drop, resumed from at.
        AtomicBoolean caughtUp = new AtomicBoolean();
        Set<String> pending = new LinkedHashSet<>();
        Set<String> written = new HashSet<>();
        log.info("Back-filling Bluesky {} from {} (the live stream began reading them at {})", tags, start, liveFrom);
        Disposable subscription = Mono.defer(
                        () -> client.subscribe(endpoint, at.get(), stream -> stream.takeUntil(e -> {
                                    Long position = live.get();
                                    if (position != null && e.timeUs() >= position) {
                                        caughtUp.set(true);
                                    }
                                    return caughtUp.get();
                                })
                                .bufferTimeout(settings.batchSize(), settings.batchInterval(), true)
                                .concatMap(
                                        batch -> Mono.fromRunnable(() -> handle(batch, tags, pending, written, at))
                                                .subscribeOn(Schedulers.boundedElastic()),
                                        1)
                                .then()))
                .then(Mono.defer(() -> caughtUp.get()
                        ? Mono.<Void>empty()
                        : Mono.<Void>error(new IllegalStateException("the endpoint closed the back-fill early"))))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.reconnectBackoff())
                        .maxBackoff(settings.reconnectBackoffMax()))
                .then(Mono.fromRunnable(() -> finish(tags, start, pending, written, run))
                        .subscribeOn(Schedulers.boundedElastic()))
                .doFinally(signal -> {
                    run.over().set(true);
                    run.handedOver().set(true);
                })
                .subscribe(null, e -> log.warn("Back-fill of Bluesky {} stopped: {}", tags, e.toString()));
        run.subscription()[0] = subscription;
        return run;
    }

    private void handle(
            List<JetstreamEvent> batch, Set<String> tags, Set<String> pending, Set<String> written, AtomicLong at) {
        if (batch.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<JetstreamEvent> creates =
                batch.stream().filter(JetstreamEvent::isPostCreate).toList();
        List<CaptureBatch> writes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        StreamMatcher.match(creates, tags).forEach((target, posts) -> {
            posts.forEach(post -> ids.add(DocumentIds.post(Platform.BLUESKY, post.uri())));
            writes.add(normalizer.backfilled(target, posts, now));
        });
        written.addAll(ids);
        // As the live stream: unless every write was acknowledged, the batch is read again from the position before.
        if (!writes.isEmpty() && !indexer.indexAcknowledged(writes, FLUSH_TIMEOUT)) {
            throw new JetstreamBatches.NotAcknowledged("back-filled posts");
        }
        for (JetstreamEvent event : batch) {
            String id = event.isPostDelete() ? DocumentIds.post(Platform.BLUESKY, event.uri()) : null;
            if (id != null && held.mayHold(id)) { // not held for certain: nothing to delete
                pending.add(id);
            }
        }
        deletePending(pending);
        at.set(batch.get(batch.size() - 1).timeUs());
    }

    private void deletePending(Set<String> pending) {
        // As in the live stream: not while spooled writes wait, which could bring a deleted post back.
        if (!pending.isEmpty() && indexer.isIdle() && deletions.delete(new ArrayList<>(pending))) {
            pending.clear();
        }
    }

    private void finish(Set<String> tags, Instant start, Set<String> pending, Set<String> written, Run run) {
        run.over().set(true);
        // Deletions the live stream applied while this back-fill wrote: again, now that every write is done.
        run.deletedLive().stream().filter(written::contains).forEach(pending::add);
        deletePending(pending);
        if (!pending.isEmpty()) {
            // Dropping them would leave posts their authors deleted stored for good: the live stream takes them over.
            run.unapplied().addAll(pending);
            run.handedOver().set(true);
            log.warn(
                    "Back-fill of Bluesky {}: {} deletions not applied yet, handed to the live stream; coverage not"
                            + " extended",
                    tags,
                    pending.size());
            return;
        }
        run.handedOver().set(true);
        try {
            coverage.backfilled(tags, start, clock.instant());
        } catch (java.io.IOException e) {
            log.warn(
                    "Back-fill of Bluesky {}: ledger not written now ({}); the stream's next write carries it",
                    tags,
                    e.toString());
        }
        log.info("Back-fill of Bluesky {} reached the live stream; covered since {}", tags, start);
    }

    static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }
}
