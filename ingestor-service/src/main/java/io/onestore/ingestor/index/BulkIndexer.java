package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.config.IngestSettings;
import io.onestore.ingestor.index.IndexingMetrics.Outcome;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.index.IndexNames;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes captures to Elasticsearch through the official {@link BulkIngester} (sized by count, bytes and time from
 * configuration) and makes sure every write ends somewhere: stored, counted as a conflict, dead-lettered, or waiting
 * in the {@link Spool}. See docs/ingestor-indexing.md.
 *
 * <p>While Elasticsearch is unreachable, or the spool still holds older writes, new writes join the spool behind them
 * so replay keeps the order; {@link #isPaused()} tells the scheduler to fetch nothing new meanwhile. The parts: {@link
 * WritesInFlight} sends and counts the writes, {@link BulkAnswers} handles each answered item, {@link SpoolReplay}
 * replays the spool when a probe finds Elasticsearch again, and first thing after a restart.
 */
public final class BulkIndexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BulkIndexer.class);

    private final CaptureWrites captureWrites;
    private final Spool spool;
    private final IndexingMetrics metrics;
    private final WritesInFlight inFlight;
    private final SpoolReplay replay;

    /** An indexer whose post writes no {@link HeldPosts} hears of: for tools and tests that never ask it. */
    public BulkIndexer(
            ElasticsearchClient client,
            IndexNames names,
            IngestSettings settings,
            MeterRegistry registry,
            Clock clock) {
        this(client, names, settings, registry, clock, null);
    }

    /**
     * @param held told of every post write before it is sent (a replay of the spool included), so the posts it may
     *     hold are known whoever captured them
     */
    public BulkIndexer(
            ElasticsearchClient client,
            IndexNames names,
            IngestSettings settings,
            MeterRegistry registry,
            Clock clock,
            HeldPosts held) {
        this.captureWrites = new CaptureWrites(settings.bucket());
        this.spool = new Spool(settings.spoolDir(), settings.bulk().bufferWrites());
        this.metrics = new IndexingMetrics(registry, spool::depth);
        this.inFlight = new WritesInFlight(client, names, settings, spool, metrics, held, clock);
        if (inFlight.isUnreachable()) {
            log.info("Replaying {} spooled writes from {} before new ones", spool.depth(), settings.spoolDir());
        }
        this.replay = new SpoolReplay(client, spool, inFlight, settings.bulk().outageProbe());
    }

    /** Queues everything a capture produced. Returns once the writes are with the ingester or in the spool. */
    public void index(CaptureBatch batch) {
        submit(captureWrites.of(batch));
    }

    /**
     * Indexes these captures and waits for Elasticsearch's answers: true only when every write was acknowledged
     * (stored, a conflict merged and stored, or dead-lettered), none of them waits in the spool or is still in flight.
     * For a source that can read again what was not acknowledged (a stream with a cursor, which moves only on true):
     * while the indexer is spooling, closing or cannot reach Elasticsearch it takes nothing and answers false, and a
     * write sent to the spool meanwhile, by anyone (the spool is one queue), also makes it false.
     */
    public boolean indexAcknowledged(List<CaptureBatch> batches, Duration timeout) {
        if (inFlight.isClosing() || inFlight.isUnreachable() || !spool.isEmpty()) {
            return false;
        }
        long spooledBefore = spool.appended();
        batches.forEach(this::index);
        return flush(timeout) && spool.appended() == spooledBefore;
    }

    /** Queues dead letters of a failed capture (upstream bodies that could not be parsed). */
    public void deadLetters(List<DeadLetterDocument> deadLetters) {
        submit(CaptureWrites.deadLetters(deadLetters));
    }

    /** True while Elasticsearch was unreachable at the last try: fetch nothing new. */
    public boolean isPaused() {
        return inFlight.isUnreachable();
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
        return inFlight.flush(timeout);
    }

    /** True when nothing is in flight and the spool is empty. */
    public boolean isIdle() {
        return inFlight.noneOutstanding() && spool.isEmpty();
    }

    void submit(List<IndexWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        if (inFlight.isClosing() || inFlight.isUnreachable() || !spool.isEmpty()) {
            spool.append(writes);
            writes.forEach(write -> metrics.count(write.alias(), Outcome.SPOOLED));
            return;
        }
        inFlight.dispatch(writes);
    }

    /** Sends what is buffered, waits for the answers, and spills whatever is still unwritten to disk. */
    @Override
    public void close() {
        inFlight.startClosing();
        replay.close();
        inFlight.close();
        spool.spill();
        log.info("Bulk indexer closed: {} documents indexed, {} writes spooled", metrics.indexed(), spool.depth());
    }

    static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
