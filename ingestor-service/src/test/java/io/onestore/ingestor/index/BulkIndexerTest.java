package io.onestore.ingestor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.ContractIndices;
import io.onestore.ingestor.IndexCounts;
import io.onestore.ingestor.IngestTestSettings;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.Captures;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Author;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.index.IndexAlias;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write path against the real Elasticsearch: counts, upsert merge, conflicts and dead letters. */
class BulkIndexerTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    static ContractIndices contract;
    static ElasticsearchClient client;
    static IndexNames names;
    static IndexCounts counts;

    @TempDir
    Path spoolDir;

    final TestClock clock = new TestClock(T0);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void installContract() {
        contract = ContractIndices.install(BulkIndexerTest.class);
        client = contract.client();
        names = contract.names();
        counts = contract.counts();
    }

    @AfterAll
    static void close() throws IOException {
        contract.close();
    }

    BulkIndexer indexer() {
        return new BulkIndexer(client, names, IngestTestSettings.of(spoolDir), registry, clock);
    }

    @Test
    void aCaptureIsIndexedWithExactCounts() {
        try (BulkIndexer indexer = indexer()) {
            indexer.index(Captures.hashtag("exact", T0, List.of("e1", "e2", "e3"), 10));
            assertThat(indexer.flush(WAIT)).isTrue();

            assertThat(counts.where(names.posts(), "hashtags", "exact")).isEqualTo(3);
            assertThat(counts.where(names.postMetrics(), "hashtags", "exact")).isEqualTo(3);
            assertThat(counts.where(names.tagSnapshots(), "tag", "exact")).isEqualTo(1);
            assertThat(indexer.documentsIndexed()).isEqualTo(7);
            assertThat(outcome("posts", "indexed")).isEqualTo(3);
        }
    }

    /**
     * What a stream moves its cursor on (issue 17): acknowledged means stored by Elasticsearch, never "spooled"; a
     * closed indexer takes nothing and says so (an unreachable one: JetstreamEndToEndTest).
     */
    @Test
    void acknowledgedOnlyWhenElasticsearchStoredEveryWriteNeverWhenTheyWouldBeSpooled() {
        BulkIndexer indexer = indexer();
        try (indexer) {
            assertThat(indexer.indexAcknowledged(List.of(Captures.hashtag("acked", T0, List.of("a1", "a2"), 1)), WAIT))
                    .isTrue();
            assertThat(counts.where(names.posts(), "hashtags", "acked")).isEqualTo(2);
        }
        assertThat(indexer.indexAcknowledged(List.of(Captures.hashtag("acked", T0, List.of("a3"), 1)), WAIT))
                .as("closed: the write would only reach the spool")
                .isFalse();
        assertThat(indexer.spoolDepth()).as("and it was not taken").isZero();
        assertThat(counts.where(names.posts(), "hashtags", "acked")).isEqualTo(2);
    }

    @Test
    void runningTheSameCaptureAgainKeepsOnePostPerIdAndAddsOneSnapshotPerBucket() throws IOException {
        List<String> ids = List.of("r1", "r2");
        Instant t1 = T0.plus(IngestTestSettings.INTERVAL);
        try (BulkIndexer indexer = indexer()) {
            indexer.index(Captures.hashtag("rerun", T0, ids, 10));
            assertThat(indexer.flush(WAIT)).isTrue();
            // Same bucket again: overwrites, adds nothing.
            indexer.index(Captures.hashtag("rerun", T0.plusSeconds(60), ids, 11));
            assertThat(indexer.flush(WAIT)).isTrue();
            // Next bucket: the same posts, more likes, and r1 is now also in #other's feed.
            indexer.index(Captures.hashtag("rerun", t1, ids, 20));
            indexer.index(Captures.hashtag("other", t1, List.of("r1"), 20));
            assertThat(indexer.flush(WAIT)).isTrue();
        }

        assertThat(counts.where(names.posts(), "found_in_tags", "rerun")).isEqualTo(2);
        assertThat(counts.where(names.postMetrics(), "post_id", "instagram:r1")).isEqualTo(2);
        assertThat(counts.where(names.postMetrics(), "post_id", "instagram:r2")).isEqualTo(2);
        assertThat(counts.where(names.tagSnapshots(), "tag", "rerun")).isEqualTo(2);
        assertThat(counts.where(names.tagSnapshots(), "tag", "other")).isEqualTo(1);

        JsonNode r1 = post("instagram:r1");
        assertThat(r1.get("first_seen_at").asText()).isEqualTo(T0.toString());
        assertThat(r1.get("last_seen_at").asText()).isEqualTo(t1.toString());
        assertThat(r1.get("likes").asLong()).isEqualTo(20);
        assertThat(strings(r1.get("hashtags"))).containsExactly("rerun", "other");
        assertThat(strings(r1.get("found_in_tags"))).containsExactly("rerun", "other");
        assertThat(r1.get("raw").get("like_count").asLong()).isEqualTo(20);
        assertThat(strings(post("instagram:r2").get("hashtags"))).containsExactly("rerun");
    }

    @Test
    void anOlderCaptureReplayedLateOnlyAddsItsTags() throws IOException {
        Instant t1 = T0.plus(IngestTestSettings.INTERVAL);
        try (BulkIndexer indexer = indexer()) {
            indexer.index(Captures.hashtag("late", t1, List.of("l1"), 30));
            assertThat(indexer.flush(WAIT)).isTrue();
            indexer.index(Captures.hashtag("early", T0, List.of("l1"), 5));
            assertThat(indexer.flush(WAIT)).isTrue();
        }

        JsonNode l1 = post("instagram:l1");
        assertThat(l1.get("likes").asLong()).isEqualTo(30);
        assertThat(l1.get("last_seen_at").asText()).isEqualTo(t1.toString());
        assertThat(strings(l1.get("hashtags"))).containsExactlyInAnyOrder("late", "early");
    }

    @Test
    void likesHiddenSinceTheLastCaptureAreNulledWhileAnAuthorTheFeedNoLongerCarriesIsKept() throws IOException {
        Instant t1 = T0.plus(IngestTestSettings.INTERVAL);
        PostDocument seen = Captures.post("h1", "hidden", T0, 10);
        PostDocument hiddenNow = new PostDocument(
                seen.platform(),
                seen.nativeId(),
                seen.url(),
                null,
                seen.caption(),
                seen.hashtags(),
                seen.mentions(),
                seen.foundInTags(),
                seen.mediaType(),
                seen.publishedAt(),
                t1,
                t1,
                null,
                3L,
                null,
                null,
                true,
                3L,
                seen.sentiment(),
                seen.source(),
                seen.raw());
        try (BulkIndexer indexer = indexer()) {
            indexer.index(batchOf(seen, T0));
            assertThat(indexer.flush(WAIT)).isTrue();
            indexer.index(batchOf(hiddenNow, t1));
            assertThat(indexer.flush(WAIT)).isTrue();
        }

        JsonNode h1 = post("instagram:h1");
        assertThat(h1.path("likes").isNull() || h1.path("likes").isMissingNode())
                .isTrue();
        assertThat(h1.get("likes_hidden").asBoolean()).isTrue();
        assertThat(h1.get("comments").asLong()).isEqualTo(3);
        assertThat(h1.get("author").get("username").asText()).isEqualTo("author_h1");
    }

    /**
     * Bluesky's counts live on the store (the stream's counting writes them): a re-capture, live (0) or back-filled
     * (none), never puts its own over them; a back-filled post the live stream then reads from creation is counted
     * from 0.
     */
    @Test
    void aBlueskyRecaptureKeepsTheCountsTheStreamWroteOnThePost() throws IOException {
        Instant t1 = T0.plus(IngestTestSettings.INTERVAL);
        Instant t2 = t1.plus(IngestTestSettings.INTERVAL);
        PostDocument live = bluesky("counted", 0L, T0);
        PostDocument backfilled = bluesky("uncounted", null, T0);
        try (BulkIndexer indexer = indexer()) {
            indexer.index(batchOf(live, T0));
            indexer.index(batchOf(backfilled, T0));
            assertThat(indexer.flush(WAIT)).isTrue();
            // What StreamEngagement writes after counting five likes and two reposts.
            client.update(
                    u -> u.index(names.posts())
                            .id(live.id())
                            .doc(ContractJson.mapper()
                                    .createObjectNode()
                                    .put("likes", 5)
                                    .put("shares", 2)
                                    .put("engagement", 7)),
                    JsonNode.class);
            indexer.index(batchOf(bluesky("counted", 0L, t1), t1));
            indexer.index(batchOf(bluesky("counted", null, t2), t2));
            indexer.index(batchOf(bluesky("uncounted", 0L, t1), t1));
            assertThat(indexer.flush(WAIT)).isTrue();
        }

        JsonNode counted = post(live.id());
        assertThat(counted.path("likes").asLong()).isEqualTo(5);
        assertThat(counted.path("shares").asLong()).isEqualTo(2);
        assertThat(counted.path("engagement").asLong()).isEqualTo(7);
        assertThat(counted.path("last_seen_at").asText()).isEqualTo(t2.toString());
        JsonNode readLive = post(backfilled.id());
        assertThat(List.of(readLive.path("likes"), readLive.path("shares"), readLive.path("engagement")))
                .as("known from 0 once the live stream read its creation")
                .allMatch(count -> count.isNumber() && count.asLong() == 0);
    }

    /** A Bluesky post as the stream's normaliser writes it: counts 0 when read live, none when back-filled. */
    private static PostDocument bluesky(String rkey, Long counted, Instant at) {
        return new PostDocument(
                Platform.BLUESKY,
                "at://did:plc:merge/app.bsky.feed.post/" + rkey,
                "https://bsky.app/profile/did:plc:merge/post/" + rkey,
                Author.of("did:plc:merge", null),
                "#hidden " + rkey,
                List.of("hidden"),
                List.of(),
                List.of("hidden"),
                MediaType.TEXT,
                T0,
                at,
                at,
                counted,
                null,
                null,
                counted,
                false,
                counted,
                null,
                "bluesky-jetstream",
                ContractJson.mapper().createObjectNode().put("rkey", rkey));
    }

    @Test
    void aConcurrentWriterMakesA409ThatIsCountedAndMergedAgain() throws IOException {
        SimpleMeterRegistry otherRegistry = new SimpleMeterRegistry();
        try (BulkIndexer slow = new BulkIndexer(
                        client, names, IngestTestSettings.buffering(spoolDir.resolve("slow")), registry, clock);
                BulkIndexer fast = new BulkIndexer(
                        client, names, IngestTestSettings.of(spoolDir.resolve("fast")), otherRegistry, clock)) {
            // The slow one reads "not stored yet" and buffers a create; the fast one creates the post first.
            slow.index(Captures.hashtag("first", T0, List.of("c1"), 1));
            fast.index(Captures.hashtag("second", T0, List.of("c1"), 1));
            assertThat(fast.flush(WAIT)).isTrue();
            assertThat(slow.flush(WAIT)).isTrue();
        }

        assertThat(outcome("posts", "conflict")).isEqualTo(1);
        assertThat(outcome("posts", "indexed")).isEqualTo(1);
        assertThat(strings(post("instagram:c1").get("hashtags"))).containsExactlyInAnyOrder("first", "second");
        assertThat(counts.where(names.posts(), "native_id", "c1")).isEqualTo(1);
    }

    /**
     * Issue 16: a recapture writes a post from what this indexer remembers of its own last write, without reading it
     * back. Another writer (a second replica) changed the post in between, so the remembered version is stale: the
     * guarded write is refused with 409 and the post merged again from what is stored, keeping every tag and the
     * first sighting.
     */
    @Test
    void aPostChangedByAnotherWriterSinceThisIndexerWroteItIsMergedAgainNotOverwritten() throws IOException {
        Instant t1 = T0.plus(IngestTestSettings.INTERVAL);
        Instant t2 = t1.plus(IngestTestSettings.INTERVAL);
        SimpleMeterRegistry otherRegistry = new SimpleMeterRegistry();
        try (BulkIndexer first = indexer();
                BulkIndexer other = new BulkIndexer(
                        client, names, IngestTestSettings.of(spoolDir.resolve("other")), otherRegistry, clock)) {
            first.index(Captures.hashtag("mine", T0, List.of("m1"), 1));
            assertThat(first.flush(WAIT)).isTrue();
            other.index(Captures.hashtag("theirs", t1, List.of("m1"), 2));
            assertThat(other.flush(WAIT)).isTrue();
            first.index(Captures.hashtag("mine", t2, List.of("m1"), 3));
            assertThat(first.flush(WAIT)).isTrue();
        }

        assertThat(outcome("posts", "conflict")).isEqualTo(1);
        JsonNode m1 = post("instagram:m1");
        assertThat(strings(m1.get("hashtags"))).containsExactlyInAnyOrder("mine", "theirs");
        assertThat(strings(m1.get("found_in_tags"))).containsExactlyInAnyOrder("mine", "theirs");
        assertThat(m1.get("first_seen_at").asText()).isEqualTo(T0.toString());
        assertThat(m1.get("last_seen_at").asText()).isEqualTo(t2.toString());
        assertThat(m1.get("likes").asLong()).isEqualTo(3);
    }

    /** A recapture of posts this indexer wrote needs no read: the stored versions it remembers are current. */
    @Test
    void aRecaptureOfItsOwnPostsIsWrittenWithoutConflictsAndKeepsTheFirstSighting() throws IOException {
        Instant t1 = T0.plus(IngestTestSettings.INTERVAL);
        Instant t2 = t1.plus(IngestTestSettings.INTERVAL);
        try (BulkIndexer indexer = indexer()) {
            indexer.index(Captures.hashtag("again", T0, List.of("a1", "a2"), 1));
            assertThat(indexer.flush(WAIT)).isTrue();
            indexer.index(Captures.hashtag("again", t1, List.of("a1", "a2"), 4));
            assertThat(indexer.flush(WAIT)).isTrue();
            indexer.index(Captures.hashtag("also", t2, List.of("a2"), 5));
            assertThat(indexer.flush(WAIT)).isTrue();
        }

        assertThat(outcome("posts", "conflict")).isZero();
        JsonNode a2 = post("instagram:a2");
        assertThat(strings(a2.get("hashtags"))).containsExactly("again", "also");
        assertThat(a2.get("first_seen_at").asText()).isEqualTo(T0.toString());
        assertThat(a2.get("last_seen_at").asText()).isEqualTo(t2.toString());
        assertThat(a2.get("likes").asLong()).isEqualTo(5);
        assertThat(post("instagram:a1").get("likes").asLong()).isEqualTo(4);
        assertThat(counts.where(names.posts(), "found_in_tags", "again")).isEqualTo(2);
    }

    @Test
    void aDocumentTheStrictMappingRefusesEndsInTheDeadLetterIndexWithItsRawPayload() throws IOException {
        ObjectNode refused = ContractJson.mapper().createObjectNode();
        refused.put("post_id", "instagram:d1").put("captured_at", T0.toString()).put("not_in_the_contract", "x");
        String id = DocumentIds.capture("instagram:d1", T0, IngestTestSettings.INTERVAL);
        try (BulkIndexer indexer = indexer()) {
            indexer.submit(List.of(IndexWrite.of(IndexAlias.POST_METRICS, id, refused)));
            assertThat(indexer.flush(WAIT)).isTrue();
        }

        assertThat(counts.where(names.postMetrics(), "post_id", "instagram:d1")).isZero();
        assertThat(counts.where(names.deadletter(), "document_id", id)).isEqualTo(1);
        JsonNode letter = client.search(
                        s -> s.index(names.deadletter())
                                .query(q -> q.term(t -> t.field("document_id").value(id))),
                        JsonNode.class)
                .hits()
                .hits()
                .get(0)
                .source();
        assertThat(letter.get("stage").asText()).isEqualTo("index");
        assertThat(letter.get("error_type").asText()).isEqualTo("strict_dynamic_mapping_exception");
        assertThat(letter.get("target_index").asText()).isEqualTo(names.postMetrics());
        assertThat(letter.get("raw")).isEqualTo(refused);
        assertThat(outcome("post-metrics", "deadlettered")).isEqualTo(1);
    }

    @Test
    void writesToAMissingAliasAreRetriedThenSpooledAndWrittenOnceTheContractIsInstalled() {
        // require_alias: no index is auto-created for a prefix whose contract is not installed.
        IndexNames uninstalled = new IndexNames(ElasticsearchTestServer.indexPrefix(BulkIndexerTest.class));
        try (BulkIndexer indexer =
                new BulkIndexer(client, uninstalled, IngestTestSettings.of(spoolDir), registry, clock)) {
            indexer.index(Captures.profile("waiting", T0));
            await().atMost(WAIT).until(() -> outcome("profile-snapshots", "spooled") >= 1);
            assertThat(outcome("profile-snapshots", "retried")).isGreaterThanOrEqualTo(2);
            assertThat(indexer.documentsIndexed()).isZero();

            new IndexBootstrap(client, uninstalled).installAll();
            await().atMost(WAIT).until(indexer::isIdle);
            assertThat(indexer.documentsIndexed()).isEqualTo(1);
        }
        assertThat(counts.all(uninstalled.profileSnapshots())).isEqualTo(1);
        assertThat(counts.all(uninstalled.deadletter())).isZero();
    }

    private static CaptureBatch batchOf(PostDocument post, Instant at) {
        return new CaptureBatch(Target.hashtag("hidden"), at, List.of(post), List.of(), null, null, List.of());
    }

    private double outcome(String index, String outcome) {
        var counter = registry.find("onestore.ingest.documents")
                .tag("index", index)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode post(String id) throws IOException {
        return client.get(g -> g.index(names.posts()).id(id), JsonNode.class).source();
    }

    private static List<String> strings(JsonNode array) {
        return ContractJson.mapper()
                .convertValue(
                        array,
                        ContractJson.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
