package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.config.IngestSettings;
import io.onestore.ingestor.index.IndexingMetrics.Outcome;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes captures to Elasticsearch through the official {@link BulkIngester} (sized by count, bytes and time from
 * configuration) and makes sure every write ends somewhere: stored, counted as a conflict, dead-lettered, or waiting
 * in the {@link Spool}. See docs/ingestor-indexing.md.
 *
 * <p>While Elasticsearch is unreachable, or the spool still holds older writes, new writes join the spool behind them
 * so replay keeps the order; {@link #isPaused()} tells the scheduler to fetch nothing new meanwhile. The spool is
 * replayed when a probe finds Elasticsearch again, and first thing after a restart.
 */
public final class BulkIndexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BulkIndexer.class);
    private static final Duration REPLAY_ANSWER_TIMEOUT = Duration.ofMinutes(1);

    private final ElasticsearchClient client;
    private final IngestSettings.Bulk settings;
    private final Path spoolDir;
    private final IndexNames names;
    private final CaptureWrites captureWrites;
    private final PostMerge postMerge;
    private final Spool spool;
    private final IndexingMetrics metrics;
    private final BulkAnswers answers;
    private final BulkIngester<IndexWrite> ingester;
    private final ScheduledExecutorService replayer;
    // Writes sent to Elasticsearch or waiting for a retry and not answered yet; waited on by flush and close.
    private final AtomicInteger outstanding = new AtomicInteger();
    // Writes sent back to the spool after a try; a replay round that sees it grow stops until the next probe.
    private final AtomicLong refusedIntoSpool = new AtomicLong();
    private final Object answered = new Object();
    private volatile boolean unreachable;
    private volatile boolean closing;

    public BulkIndexer(
            ElasticsearchClient client,
            IndexNames names,
            IngestSettings settings,
            MeterRegistry registry,
            Clock clock) {
        this.client = client;
        this.settings = settings.bulk();
        this.spoolDir = settings.spoolDir();
        this.names = names;
        this.captureWrites = new CaptureWrites(settings.bucket());
        this.postMerge = new PostMerge(client, names);
        this.spool = new Spool(settings.spoolDir(), this.settings.bufferWrites());
        this.metrics = new IndexingMetrics(registry, spool::depth);
        this.answers = new BulkAnswers(
                new Answered(), names, this.settings, metrics, clock, r -> daemon(r, "onestore-bulk-answers"));
        this.ingester = BulkIngester.of(b -> b.client(client)
                .maxOperations(this.settings.maxOperations())
                .maxSize(this.settings.maxSize().toBytes())
                .maxConcurrentRequests(this.settings.maxConcurrentRequests())
                .flushInterval(this.settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .listener(answers));
        this.unreachable = !spool.isEmpty();
        if (unreachable) {
            log.info("Replaying {} spooled writes from {} before new ones", spool.depth(), spoolDir);
        }
        this.replayer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "onestore-spool-replay"));
        long probe = this.settings.outageProbe().toMillis();
        replayer.scheduleWithFixedDelay(this::replaySpool, 0, probe, TimeUnit.MILLISECONDS);
    }

    /** Queues everything a capture produced. Returns once the writes are with the ingester or in the spool. */
    public void index(CaptureBatch batch) {
        submit(captureWrites.of(batch));
    }

    /** Queues dead letters of a failed capture (upstream bodies that could not be parsed). */
    public void deadLetters(List<DeadLetterDocument> deadLetters) {
        submit(CaptureWrites.deadLetters(deadLetters));
    }

    /** True while Elasticsearch was unreachable at the last try: fetch nothing new. */
    public boolean isPaused() {
        return unreachable;
    }

    public int spoolDepth() {
        return spool.depth();
    }

    /** Documents Elasticsearch accepted since this indexer started. */
    public long documentsIndexed() {
        return metrics.indexed();
    }

    /** Sends what is buffered and waits until every write sent so far is answered (spooled writes aside). */
    public boolean flush(Duration timeout) {
        ingester.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (answered) {
            while (outstanding.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    answered.wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                ingester.flush();
            }
        }
        return true;
    }

    /** True when nothing is in flight and the spool is empty. */
    public boolean isIdle() {
        return outstanding.get() == 0 && spool.isEmpty();
    }

    void submit(List<IndexWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        if (closing || unreachable || !spool.isEmpty()) {
            spool.append(writes);
            writes.forEach(write -> metrics.count(write.alias(), Outcome.SPOOLED));
            return;
        }
        dispatch(writes);
    }

    /** Sends writes now, whatever the spool holds: replays, retries and re-merges of conflicting posts. */
    void dispatch(List<IndexWrite> writes) {
        if (closing) {
            toSpool(writes);
            return;
        }
        List<IndexWrite> posts = new ArrayList<>();
        List<IndexWrite> others = new ArrayList<>();
        writes.forEach(write -> (write.isPost() ? posts : others).add(write));
        Map<IndexWrite, BulkOperation> postOperations;
        try {
            postOperations = postMerge.operations(posts);
        } catch (IOException | ElasticsearchException e) {
            markUnreachable(e);
            toSpool(writes);
            return;
        }
        postOperations.forEach(this::add);
        others.forEach(write -> add(write, plainOperation(write)));
    }

    private BulkOperation plainOperation(IndexWrite write) {
        String alias = names.alias(write.alias());
        return BulkOperation.of(b ->
                b.index(i -> i.index(alias).id(write.id()).requireAlias(true).document(write.document())));
    }

    private void add(IndexWrite write, BulkOperation operation) {
        outstanding.incrementAndGet();
        try {
            ingester.add(operation, write);
        } catch (IllegalStateException closed) {
            answeredOne();
            toSpool(List.of(write));
        }
    }

    /** Writes that were sent, or about to be, and could not be written: they wait for a replay. */
    void toSpool(List<IndexWrite> writes) {
        refusedIntoSpool.addAndGet(writes.size());
        // A replayed write gets its full number of attempts again: the refusals were of an earlier outage.
        spool.append(writes.stream().map(IndexWrite::firstAttempt).toList());
        writes.forEach(write -> metrics.count(write.alias(), Outcome.SPOOLED));
    }

    /** A write will be answered later (a retry after a backoff). */
    void awaitingOne() {
        outstanding.incrementAndGet();
    }

    void answeredOne() {
        if (outstanding.decrementAndGet() <= 0) {
            synchronized (answered) {
                answered.notifyAll();
            }
        }
    }

    boolean isClosing() {
        return closing;
    }

    void markUnreachable(Throwable cause) {
        if (!unreachable) {
            log.warn("Elasticsearch unreachable ({}): writes wait in the spool under {}", cause.toString(), spoolDir);
        }
        unreachable = true;
    }

    private void replaySpool() {
        try {
            if (closing || spool.isEmpty()) {
                return;
            }
            if (!reachable()) {
                unreachable = true;
                return;
            }
            if (unreachable) {
                log.info("Elasticsearch reachable again: replaying {} spooled writes", spool.depth());
            }
            unreachable = false;
            replayUntilEmpty();
        } catch (RuntimeException e) {
            log.warn("Spool replay stopped, will try again: {}", e.toString());
        }
    }

    private void replayUntilEmpty() {
        while (!closing && !unreachable) {
            var segment = spool.oldestSegment();
            List<IndexWrite> writes = segment.map(spool::read).orElseGet(spool::takeMemory);
            if (writes.isEmpty() && segment.isEmpty()) {
                return;
            }
            long refusedBefore = refusedIntoSpool.get();
            dispatch(writes);
            if (!flush(REPLAY_ANSWER_TIMEOUT)) {
                return; // answers still missing: the segment stays and is replayed again (ids make that harmless)
            }
            boolean refusedAgain = refusedIntoSpool.get() != refusedBefore;
            if (refusedAgain) {
                spool.spill(); // writes that failed again are on disk before their old segment goes
            }
            segment.ifPresent(spool::delete);
            if (refusedAgain) {
                return; // e.g. the contract is not installed yet: try again at the next probe, not in a tight loop
            }
        }
    }

    private boolean reachable() {
        try {
            client.cluster().health(h -> h.timeout(t -> t.time("5s")));
            return true;
        } catch (IOException | ElasticsearchException e) {
            return false;
        }
    }

    /** Sends what is buffered, waits for the answers, and spills whatever is still unwritten to disk. */
    @Override
    public void close() {
        closing = true;
        replayer.shutdownNow();
        ingester.close();
        answers.close();
        spool.spill();
        log.info("Bulk indexer closed: {} documents indexed, {} writes spooled", metrics.indexed(), spool.depth());
    }

    /** What the answer listener may do with the writes; the methods stay package-private on the indexer itself. */
    private final class Answered implements InFlightWrites {
        @Override
        public void dispatch(List<IndexWrite> writes) {
            BulkIndexer.this.dispatch(writes);
        }

        @Override
        public void toSpool(List<IndexWrite> writes) {
            BulkIndexer.this.toSpool(writes);
        }

        @Override
        public void awaitingOne() {
            BulkIndexer.this.awaitingOne();
        }

        @Override
        public void answeredOne() {
            BulkIndexer.this.answeredOne();
        }

        @Override
        public void markUnreachable(Throwable cause) {
            BulkIndexer.this.markUnreachable(cause);
        }
    }

    static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
