package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.onestore.ingestor.config.IngestSettings;
import io.onestore.ingestor.index.IndexingMetrics.Outcome;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes between the indexer and Elasticsearch: turns them into bulk operations (posts through {@link PostMerge}),
 * hands them to the official {@link BulkIngester}, counts them until {@link BulkAnswers} has answered each one, and
 * sends to the {@link Spool} whatever cannot be written now. It owns the "Elasticsearch unreachable" and "closing"
 * flags the indexer and the replay read.
 */
final class WritesInFlight implements InFlightWrites, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WritesInFlight.class);

    private final IndexNames names;
    private final Path spoolDir;
    private final PostMerge postMerge;
    private final Spool spool;
    private final IndexingMetrics metrics;
    /** Told of every post write before it is sent; null when nobody asks which posts are held. */
    private final HeldPosts held;

    private final BulkAnswers answers;
    private final BulkIngester<IndexWrite> ingester;
    // Writes sent to Elasticsearch or waiting for a retry and not answered yet; waited on by flush and close.
    private final AtomicInteger outstanding = new AtomicInteger();
    // Writes sent back to the spool after a try; a replay round that sees it grow stops until the next probe.
    private final AtomicLong refusedIntoSpool = new AtomicLong();
    private final Object answered = new Object();
    private volatile boolean unreachable;
    private volatile boolean closing;

    WritesInFlight(
            ElasticsearchClient client,
            IndexNames names,
            IngestSettings settings,
            Spool spool,
            IndexingMetrics metrics,
            HeldPosts held,
            Clock clock) {
        IngestSettings.Bulk bulk = settings.bulk();
        this.names = names;
        this.spoolDir = settings.spoolDir();
        WrittenPosts written = new WrittenPosts(bulk.rememberPosts());
        this.postMerge = new PostMerge(client, names, written);
        this.spool = spool;
        this.metrics = metrics;
        this.held = held;
        // The listener acts on these writes through InFlightWrites; it only calls back once requests are answered.
        this.answers = new BulkAnswers(
                this, written, names, bulk, metrics, clock, r -> BulkIndexer.daemon(r, "onestore-bulk-answers"));
        this.ingester = BulkIngester.of(b -> b.client(client)
                .maxOperations(bulk.maxOperations())
                .maxSize(bulk.maxSize().toBytes())
                .maxConcurrentRequests(bulk.maxConcurrentRequests())
                .flushInterval(bulk.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .listener(answers));
        this.unreachable = !spool.isEmpty();
    }

    /** Sends writes now, whatever the spool holds: replays, retries and re-merges of conflicting posts. */
    @Override
    public void dispatch(List<IndexWrite> writes) {
        if (closing) {
            toSpool(writes);
            return;
        }
        List<IndexWrite> posts = new ArrayList<>();
        List<IndexWrite> others = new ArrayList<>();
        writes.forEach(write -> (write.isPost() ? posts : others).add(write));
        if (held != null) {
            // Here, the one door every post write passes (first send, retry, re-merge, spool replay), whoever
            // captured it: a post stored another way than the stream would otherwise have its likes dropped.
            posts.forEach(write -> held.sending(write.id()));
        }
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
    @Override
    public void toSpool(List<IndexWrite> writes) {
        refusedIntoSpool.addAndGet(writes.size());
        // A replayed write gets its full number of attempts again: the refusals were of an earlier outage.
        spool.append(writes.stream().map(IndexWrite::firstAttempt).toList());
        writes.forEach(write -> metrics.count(write.alias(), Outcome.SPOOLED));
    }

    @Override
    public void awaitingOne() {
        outstanding.incrementAndGet();
    }

    @Override
    public void answeredOne() {
        if (outstanding.decrementAndGet() <= 0) {
            synchronized (answered) {
                answered.notifyAll();
            }
        }
    }

    @Override
    public void markUnreachable(Throwable cause) {
        if (!unreachable) {
            log.warn("Elasticsearch unreachable ({}): writes wait in the spool under {}", cause.toString(), spoolDir);
        }
        unreachable = true;
    }

    /** A probe found Elasticsearch (or did not): new writes go to the ingester again (or stay in the spool). */
    void reachable(boolean reachable) {
        unreachable = !reachable;
    }

    boolean isUnreachable() {
        return unreachable;
    }

    boolean isClosing() {
        return closing;
    }

    /** Writes sent back to the spool so far; a replay compares it before and after a round. */
    long refusedIntoSpool() {
        return refusedIntoSpool.get();
    }

    boolean noneOutstanding() {
        return outstanding.get() == 0;
    }

    /** Sends what is buffered and waits until every write sent so far is answered (spooled writes aside). */
    boolean flush(Duration timeout) {
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

    /** From now on writes go to the spool; call before stopping the replay so a round in progress stops sending. */
    void startClosing() {
        closing = true;
    }

    /** Sends what is buffered, waits for the answers; retries still pending land in the spool. */
    @Override
    public void close() {
        closing = true;
        ingester.close();
        answers.close();
    }
}
