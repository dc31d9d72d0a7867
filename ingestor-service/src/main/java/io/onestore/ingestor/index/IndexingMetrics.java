package io.onestore.ingestor.index;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.onestore.model.index.IndexAlias;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The indexer's meters: {@code onestore.ingest.documents} by {@code index} and {@code outcome}, the bulk request
 * latency and the spool depth. Also keeps the total of documents Elasticsearch accepted, for the cycle log line.
 */
final class IndexingMetrics {

    /** What became of one write. */
    enum Outcome {
        /** Elasticsearch stored it. */
        INDEXED,
        /** a concurrent writer got there first (409): counted; posts are merged again */
        CONFLICT,
        /** refused with 429/5xx, tried again after a backoff */
        RETRIED,
        /** refused for good (400, mapping): went to the dead-letter index */
        DEADLETTERED,
        /** could not be sent: waits in the spool */
        SPOOLED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Timer bulkLatency;
    private final AtomicLong indexed = new AtomicLong();

    IndexingMetrics(MeterRegistry registry, Supplier<Number> spoolDepth) {
        this.registry = registry;
        this.bulkLatency = Timer.builder("onestore.ingest.bulk.latency")
                .description("time from sending a bulk request to its answer")
                .register(registry);
        Gauge.builder("onestore.ingest.spool.depth", spoolDepth)
                .description("writes waiting in the spool (memory and disk) for Elasticsearch")
                .register(registry);
    }

    void count(IndexAlias alias, Outcome outcome) {
        Counter.builder("onestore.ingest.documents")
                .description("writes by index and what became of them")
                .tag("index", alias.suffix())
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
        if (outcome == Outcome.INDEXED) {
            indexed.incrementAndGet();
        }
    }

    void bulkLatency(Duration latency) {
        bulkLatency.record(latency);
    }

    long indexed() {
        return indexed.get();
    }
}
