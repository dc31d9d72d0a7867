package io.onestore.ingestor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.config.IngestSettings;
import io.onestore.model.index.IndexAlias;
import io.onestore.model.index.IndexNames;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Regression (issue 17): a write the answers' worker could not send on (a conflicting post's re-merge whose read failed
 * with a runtime error, a dead letter the client refused) was counted as answered without being sent or spooled, so
 * {@link BulkIndexer#indexAcknowledged} reported it written and the Jetstream cursor could move past a post never
 * stored. Every such write now ends in the spool, and every answered item is counted once whatever happens to it.
 * The failures are scripted here (the real server does not fail a read on demand); the classification of real
 * answers is covered against the real server in {@link BulkIndexerTest}.
 */
class BulkAnswersTest {

    private final ScriptedWrites writes = new ScriptedWrites();
    private final BulkAnswers answers = new BulkAnswers(
            writes,
            new WrittenPosts(100),
            new IndexNames("t-"),
            new IngestSettings.Bulk(
                    1000,
                    DataSize.ofMegabytes(5),
                    Duration.ofSeconds(1),
                    2,
                    5,
                    Duration.ofMillis(10),
                    5000,
                    Duration.ofSeconds(2),
                    100),
            new IndexingMetrics(new SimpleMeterRegistry(), () -> 0),
            Clock.systemUTC(),
            r -> BulkIndexer.daemon(r, "test-bulk-answers"));

    @AfterEach
    void close() {
        answers.close();
    }

    @Test
    void aConflictingPostWhoseReMergeFailsGoesToTheSpoolNotNowhere() {
        IndexWrite post = post("bluesky:at://did:plc:a/app.bsky.feed.post/3n3mbtkpzk222");
        writes.awaitingOne(); // as the indexer counts it when it sends it

        answers.afterBulk(1, request(), List.of(post), response(item(409, "version_conflict_engine_exception")));

        await().atMost(Duration.ofSeconds(10)).until(() -> writes.outstanding.get() == 0);
        assertThat(writes.spooled).as("the post that could not be merged again").containsExactly(post.firstAttempt());
    }

    @Test
    void aPostWhoseDeadLetterCannotBeSentGoesToTheSpoolAndTheOthersAreStillAnswered() {
        IndexWrite refused = post("bluesky:at://did:plc:a/app.bsky.feed.post/3n3mbtlok4222");
        IndexWrite stored = post("bluesky:at://did:plc:a/app.bsky.feed.post/3n3mbtmn2o222");
        writes.awaitingOne();
        writes.awaitingOne();

        answers.afterBulk(
                2,
                request(),
                List.of(refused, stored),
                response(item(400, "document_parsing_exception"), item(201, null)));

        await().atMost(Duration.ofSeconds(10)).until(() -> writes.outstanding.get() == 0);
        assertThat(writes.spooled).as("the post whose dead letter was refused").containsExactly(refused.firstAttempt());
    }

    private static IndexWrite post(String id) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("platform", "bluesky");
        return IndexWrite.of(IndexAlias.POSTS, id, document);
    }

    private static BulkRequest request() {
        return BulkRequest.of(b -> b.operations(List.of()));
    }

    private static BulkResponse response(BulkResponseItem... items) {
        return BulkResponse.of(b -> b.errors(true).took(1).items(List.of(items)));
    }

    private static BulkResponseItem item(int status, String errorType) {
        return BulkResponseItem.of(b -> {
            b.operationType(OperationType.Create)
                    .index("t-posts-000001")
                    .id("bluesky:1")
                    .status(status);
            if (errorType == null) {
                b.seqNo(1L).primaryTerm(1L);
            } else {
                b.error(e -> e.type(errorType).reason("scripted"));
            }
            return b;
        });
    }

    /** The indexer's side, counting like {@link WritesInFlight}; every send fails as a read that errs would. */
    private static final class ScriptedWrites implements InFlightWrites {
        final AtomicInteger outstanding = new AtomicInteger();
        final List<IndexWrite> spooled = new CopyOnWriteArrayList<>();

        @Override
        public void dispatch(List<IndexWrite> writes) {
            throw new IllegalStateException("scripted: the stored posts cannot be read");
        }

        @Override
        public void toSpool(List<IndexWrite> writes) {
            writes.forEach(write -> spooled.add(write.firstAttempt()));
        }

        @Override
        public void awaitingOne() {
            outstanding.incrementAndGet();
        }

        @Override
        public void answeredOne() {
            outstanding.decrementAndGet();
        }

        @Override
        public void markUnreachable(Throwable cause) {}
    }
}
