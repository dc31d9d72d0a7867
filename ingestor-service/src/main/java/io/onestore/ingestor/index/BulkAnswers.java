package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.ingestor.config.IngestSettings;
import io.onestore.ingestor.index.IndexingMetrics.Outcome;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexAlias;
import io.onestore.model.index.IndexNames;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingester's listener. Its context is the {@link IndexWrite}, so every answered item is traced to its document;
 * each item is classified ({@link ItemClassifier}) and handled on a worker thread of its own, because the listener is
 * called on the HTTP client's I/O thread, where blocking (merging posts, adding to a full ingester) would stall every
 * request.
 */
final class BulkAnswers implements BulkListener<IndexWrite>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BulkAnswers.class);

    private final InFlightWrites indexer;
    private final WrittenPosts written;
    private final IndexNames names;
    private final IngestSettings.Bulk settings;
    private final IndexingMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private final Map<Long, Long> started = new ConcurrentHashMap<>();

    BulkAnswers(
            InFlightWrites indexer,
            WrittenPosts written,
            IndexNames names,
            IngestSettings.Bulk settings,
            IndexingMetrics metrics,
            Clock clock,
            ThreadFactory workerThread) {
        this.indexer = indexer;
        this.written = written;
        this.names = names;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.worker = Executors.newSingleThreadScheduledExecutor(workerThread);
    }

    @Override
    public void beforeBulk(long executionId, BulkRequest request, List<IndexWrite> contexts) {
        started.put(executionId, System.nanoTime());
    }

    @Override
    public void afterBulk(long executionId, BulkRequest request, List<IndexWrite> contexts, BulkResponse response) {
        recordLatency(executionId);
        onWorker(() -> {
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < contexts.size(); i++) {
                IndexWrite write = contexts.get(i);
                try {
                    handle(write, items.get(i));
                } catch (RuntimeException e) {
                    spoolUnsent(write, e);
                } finally {
                    indexer.answeredOne();
                }
            }
        });
    }

    @Override
    public void afterBulk(long executionId, BulkRequest request, List<IndexWrite> contexts, Throwable failure) {
        recordLatency(executionId);
        onWorker(() -> {
            if (failure instanceof ElasticsearchException refused) {
                // Elasticsearch answered, so it is not an outage: the request as a whole was refused.
                contexts.forEach(write -> {
                    try {
                        handleRefusedRequest(write, refused);
                    } catch (RuntimeException e) {
                        spoolUnsent(write, e);
                    } finally {
                        indexer.answeredOne();
                    }
                });
                return;
            }
            indexer.markUnreachable(failure);
            contexts.stream().filter(IndexWrite::isPost).forEach(written::notStored);
            indexer.toSpool(contexts);
            contexts.forEach(write -> indexer.answeredOne());
        });
    }

    private void handleRefusedRequest(IndexWrite write, ElasticsearchException refused) {
        if (write.isPost()) {
            written.notStored(write);
        }
        int status = refused.status();
        if (status == 429 || status >= 500) {
            retryOrSpool(write, backoff(write.attempt()));
        } else {
            deadLetter(write, refused.error());
        }
    }

    private void handle(IndexWrite write, BulkResponseItem item) {
        ItemClassifier.Action action = ItemClassifier.classify(item);
        if (write.isPost() && log.isDebugEnabled()) {
            log.debug("{} answered {} {} ({})", write.id(), item.status(), item.result(), action);
        }
        if (write.isPost()) {
            if (action == ItemClassifier.Action.DONE && item.seqNo() != null && item.primaryTerm() != null) {
                written.stored(write, item.seqNo(), item.primaryTerm());
            } else {
                written.notStored(write);
            }
        }
        switch (action) {
            case DONE -> metrics.count(write.alias(), Outcome.INDEXED);
            case CONFLICT -> {
                metrics.count(write.alias(), Outcome.CONFLICT);
                if (write.isPost()) {
                    // Another writer changed the post since we read it: merge with what it wrote.
                    retryOrSpool(write, Duration.ZERO);
                }
            }
            case RETRY -> retryOrSpool(write, backoff(write.attempt()));
            case DEAD_LETTER -> deadLetter(write, item.error());
        }
    }

    private void retryOrSpool(IndexWrite write, Duration delay) {
        if (write.attempt() + 1 >= settings.maxAttempts()) {
            log.warn("{} refused {} times, spooled for a later replay", write, write.attempt() + 1);
            indexer.toSpool(List.of(write));
            return;
        }
        metrics.count(write.alias(), Outcome.RETRIED);
        indexer.awaitingOne();
        Runnable retry = () -> {
            try {
                indexer.dispatch(List.of(write.retried()));
            } catch (RuntimeException e) {
                spoolUnsent(write, e);
            } finally {
                indexer.answeredOne();
            }
        };
        try {
            worker.schedule(retry, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            indexer.toSpool(List.of(write.retried()));
            indexer.answeredOne();
        }
    }

    /**
     * A write this worker could not send on (its retry, its dead letter: the merge's read failed other than as an
     * outage, the client refused the request): to the spool. Answered without being sent or spooled, a caller waiting
     * for its writes ({@link BulkIndexer#indexAcknowledged}) would take it for written, and a stream would move its
     * cursor past a post that was never stored; left unanswered, every later flush would wait for it in vain.
     */
    private void spoolUnsent(IndexWrite write, RuntimeException cause) {
        log.warn("{} not sent again ({}); spooled for a later replay", write, cause.toString());
        if (write.isPost()) {
            written.notStored(write);
        }
        indexer.toSpool(List.of(write));
    }

    private Duration backoff(int attempt) {
        return settings.retryBackoff().multipliedBy(1L << Math.min(attempt, 10));
    }

    private void deadLetter(IndexWrite write, ErrorCause error) {
        metrics.count(write.alias(), Outcome.DEADLETTERED);
        log.warn("{} refused ({}), dead-lettered", write, error.type());
        if (write.alias() == IndexAlias.DEADLETTER) {
            // Nowhere left to put it; the log keeps the id so it can be found and replayed by hand.
            log.error("Dead letter {} refused: {} {}", write.id(), error.type(), error.reason());
            return;
        }
        JsonNode document = write.document();
        DeadLetterDocument letter = new DeadLetterDocument(
                clock.instant(),
                "index",
                error.type(),
                error.reason(),
                names.alias(write.alias()),
                write.id(),
                platform(document),
                document.path("source").isTextual() ? document.get("source").asText() : null,
                document);
        indexer.dispatch(List.of(CaptureWrites.deadLetter((ObjectNode) CaptureWrites.tree(letter))));
    }

    private static Platform platform(JsonNode document) {
        try {
            return document.path("platform").isTextual()
                    ? Platform.fromKey(document.get("platform").asText())
                    : null;
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private void recordLatency(long executionId) {
        Long start = started.remove(executionId);
        if (start != null) {
            metrics.bulkLatency(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException closed) {
            task.run(); // only while closing: the indexer spools instead of sending
        }
    }

    /** Runs the answers and retries already queued; retries find the indexer closing and go to the spool. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(1, TimeUnit.MINUTES)) {
                log.warn("Bulk answers still being handled at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
