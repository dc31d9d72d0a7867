package io.onestore.ingestor.schedule;

import io.onestore.ingestor.capture.bluesky.BlueskyNormalizer;
import io.onestore.ingestor.capture.bluesky.HandleResolver;
import io.onestore.ingestor.config.BlueskySettings;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.index.HeldPosts;
import io.onestore.ingestor.index.PostDeletions;
import io.onestore.ingestor.index.StreamEngagement;
import io.onestore.ingestor.source.bluesky.JetstreamClient;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.ingestor.targets.CoverageLedger;
import io.onestore.ingestor.targets.SourceCursors;
import io.onestore.ingestor.targets.TargetLeases;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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
 * Elasticsearch acknowledged ({@code BulkIndexer.indexAcknowledged}). Spooled is not acknowledged (the spool's memory
 * part dies with a {@code kill -9}, and the stream can replay what it would keep), so a batch whose writes were
 * spooled, timed out or were cut short by a shutdown fails before anything moves and is read again.
 *
 * <p>Backpressure: a batch is handled on a worker while the socket is not read (one batch in hand, at most
 * {@code batch-size} buffered), so a burst waits in TCP, not in memory. A resume point older than the endpoints can
 * replay ({@code replay-window}) is recorded as an {@code api_window} gap of every watched Bluesky target.
 *
 * <p>Likes and reposts of posts we hold are counted into post metrics and onto the posts ({@code StreamEngagement})
 * after the posts are flushed and before the cursor moves.
 *
 * <p>Events about posts {@code HeldPosts} knows we do not hold (most likes, reposts and deletions on the network) cost
 * no round trip: a batch with no match and nothing about a held post touches Elasticsearch only for the cursor.
 *
 * <p>Deletions wait while the indexer has spooled writes (a spooled post replayed after its deletion would come back);
 * until they are done the cursor is held before them, so a restart sees them again.
 *
 * <p>This class is the connection side (subscribe, reconnect, close); {@link JetstreamBatches} handles each batch,
 * {@link WatchedBluesky} knows the watched targets and writes their coverage ledgers.
 */
public final class JetstreamConsumer implements AutoCloseable {

    public static final String SOURCE = "bluesky-jetstream";
    public static final String CURSOR_KEY = "firehose";
    private static final Logger log = LoggerFactory.getLogger(JetstreamConsumer.class);

    private final JetstreamClient client;
    private final BlueskySettings settings;
    private final AtomicInteger endpoint = new AtomicInteger();
    private final JetstreamBatches batches;

    private volatile Disposable running;
    private volatile boolean closed;
    /** Reconnects since the last batch handled: the backoff grows with them and starts again after a good batch. */
    private final AtomicInteger failuresInARow = new AtomicInteger();
    /** Connections opened since start: names a connection in the debug log. */
    private final AtomicLong sessions = new AtomicLong();

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
        this.settings = settings;
        AtomicReference<JetstreamBatches> batchesOf = new AtomicReference<>();
        WatchedBluesky watched = new WatchedBluesky(targets, fileTargetIds, handles, ledger, settings, () -> batchesOf
                .get()
                .position());
        this.batches = new JetstreamBatches(
                client,
                normalizer,
                indexer,
                deletions,
                engagement,
                held,
                cursors,
                watched,
                settings,
                clock,
                this::currentEndpoint);
        batchesOf.set(batches);
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
                            batches.position(),
                            wait);
                    return Mono.delay(wait);
                })))
                .subscribe(null, e -> log.error("Jetstream consumer stopped", e));
    }

    /**
     * Stops reading and waits (at most 30 s) for the batch in hand to end, so nothing of the stream is written after
     * this returns: at shutdown the indexer and the Elasticsearch client close after the consumer, and a batch still
     * running then could not have its writes acknowledged. What was handed to the indexer stays with it; the cursor
     * stays where the last acknowledged batch left it.
     */
    @Override
    public synchronized void close() {
        batches.closing();
        closed = true;
        if (running != null) {
            running.dispose();
        }
        batches.awaitBatchInHand();
    }

    /** The wait before the {@code n}-th reconnect in a row: doubled each time, from the first batch handled again. */
    private Duration reconnectWait(int n) {
        Duration wait = settings.reconnectBackoff().multipliedBy(1L << Math.min(n, 20));
        return wait.compareTo(settings.reconnectBackoffMax()) > 0 ? settings.reconnectBackoffMax() : wait;
    }

    /** Events read since start (matched or not): the stream's progress, for health and tests. */
    public long events() {
        return batches.events();
    }

    /**
     * Seconds spent handling batches since start: divided by the time elapsed, the share of the time the consumer is
     * the bound (the rest it waits for the endpoint).
     */
    public double busySeconds() {
        return batches.busyNanos() / 1e9;
    }

    /** Back-fills running, or over with deletions the live stream has not taken over yet: for health and tests. */
    public int backfills() {
        return batches.backfills();
    }

    /** The {@code time_us} the next connection resumes from (before the overlap); null before the first. */
    public Long position() {
        return batches.position();
    }

    private URI currentEndpoint() {
        return settings.endpoints()
                .get(Math.floorMod(endpoint.get(), settings.endpoints().size()));
    }

    private Mono<Void> session() {
        long session = sessions.incrementAndGet();
        AtomicLong sessionLast = new AtomicLong(Long.MIN_VALUE);
        return Mono.fromCallable(batches::resumeFrom)
                .doOnNext(from -> log.debug("s{} resumes from {}", session, from.orElse(null)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(from -> client.subscribe(currentEndpoint(), from.orElse(null), stream -> stream.bufferTimeout(
                                settings.batchSize(), settings.batchInterval(), true)
                        .concatMap(
                                batch -> Mono.fromRunnable(() -> {
                                            outOfOrder(session, sessionLast, batch);
                                            handle(session, batch);
                                        })
                                        .subscribeOn(Schedulers.boundedElastic()),
                                1)
                        .then()));
    }

    private void handle(long session, List<JetstreamEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        batches.handle(session, batch);
        failuresInARow.set(0);
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
}
