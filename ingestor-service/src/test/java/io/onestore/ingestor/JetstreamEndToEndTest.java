package io.onestore.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.capture.bluesky.BlueskyNormalizer;
import io.onestore.ingestor.capture.bluesky.HandleResolver;
import io.onestore.ingestor.config.BlueskySettings;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.index.HeldPosts;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.index.PostDeletions;
import io.onestore.ingestor.index.StreamEngagement;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.schedule.IngestCycle;
import io.onestore.ingestor.schedule.JetstreamConsumer;
import io.onestore.ingestor.source.bluesky.JetstreamClient;
import io.onestore.ingestor.targets.CoverageLedger;
import io.onestore.ingestor.targets.SourceCursors;
import io.onestore.ingestor.targets.TargetLeases;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.net.TcpProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bluesky through a Jetstream: a test WebSocket server replays a recorded stream (ten events: #nike posts by facet, by
 * text and by both, other tags, an identity event, a post created and deleted) after the cursor it is asked for, and
 * the stream consumer writes into the real Elasticsearch. A dropped connection and a restart lose and duplicate
 * nothing; the deleted post is gone; a resume point older than the replay window is recorded as a gap.
 */
@SpringBootTest
@Import(MockUpstreamRig.HandMovedClock.class)
class JetstreamEndToEndTest {

    static final List<String> NIKE_RKEYS =
            List.of("3lbqxa2nike1", "3lbqxa2nike4", "3lbqxa2nike5", "3lbqxa2nike8", "3lbqxa2nik10");
    static final MockUpstreamRig RIG = new MockUpstreamRig("#nike bluesky\n", "");
    static final RecordedJetstream jetstream = new RecordedJetstream(
            Fixtures.read("bluesky/jetstream-posts.jsonl").lines().toList());
    /** A #nike post liked and reposted, a like of a post we do not hold, a liked post deleted, an undone like. */
    static final RecordedJetstream engagementStream = new RecordedJetstream(
            Fixtures.read("bluesky/jetstream-engagement.jsonl").lines().toList());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RIG.register(registry);
        registry.add("onestore.index.prefix", () -> ElasticsearchTestServer.indexPrefix(JetstreamEndToEndTest.class));
        registry.add(
                "onestore.ingest.spool-dir",
                () -> RIG.workDir().resolve("spool").toString());
        registry.add("onestore.sources.bluesky.endpoints", jetstream::url);
        registry.add("onestore.sources.bluesky.batch-size", () -> "3");
        registry.add("onestore.sources.bluesky.batch-interval", () -> "100ms");
        registry.add("onestore.sources.bluesky.cursor-overlap", () -> "1ms");
        registry.add("onestore.sources.bluesky.reconnect-backoff", () -> "50ms");
        registry.add("onestore.sources.bluesky.coverage-interval", () -> "0s");
    }

    @Autowired
    IngestCycle cycle;

    @Autowired
    IndexInstaller installer;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    IndexNames names;

    @Autowired
    Clock clock;

    @Autowired
    JetstreamClient jetstreamClient;

    @Autowired
    BlueskyNormalizer normalizer;

    /** A process's own, with its {@link #held}: told of every post it sends (new for each test and at a restart). */
    BulkIndexer indexer;

    @Autowired
    PostDeletions deletions;

    /** A process's own: new for each test and at each restart (a restart reads the stored posts again). */
    HeldPosts held;

    StreamEngagement engagement;

    @Autowired
    SourceCursors cursors;

    @Autowired
    CoverageLedger ledger;

    @Autowired
    TargetLeases leases;

    @Autowired
    IngestorProperties properties;

    @Autowired
    HandleResolver handles;

    IndexCounts counts;
    JetstreamConsumer consumer;

    @BeforeEach
    void registerTheTargets() throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);
        counts = new IndexCounts(client);
        counts.deleteAll(names);
        startTheIndexer();
        engagement = new StreamEngagement(client, names, held);
        jetstream.reset();
        client.indices().refresh(r -> r.index(names.targets()));
        // A cycle registers the file's targets; for Bluesky it has nothing to fetch (the stream reads them).
        assertThat(cycle.run().failed()).isZero();
    }

    @AfterEach
    void stopTheConsumer() {
        if (consumer != null) {
            consumer.close();
        }
        indexer.close();
    }

    /** The indexer and the posts it may hold, as a process starts them (a restart reads the stored posts again). */
    void startTheIndexer() {
        held = new HeldPosts(client, names, Platform.BLUESKY, clock);
        indexer = new BulkIndexer(
                client,
                names,
                IngestTestSettings.of(RIG.workDir().resolve("spool-" + UUID.randomUUID())),
                new SimpleMeterRegistry(),
                clock,
                held);
    }

    @AfterAll
    static void stopTheServer() {
        jetstream.close();
        engagementStream.close();
    }

    JetstreamConsumer consumer() {
        return consumer(properties.sources().bluesky());
    }

    JetstreamConsumer consumer(BlueskySettings settings) {
        return consumer(settings, engagement);
    }

    JetstreamConsumer consumer(BlueskySettings settings, StreamEngagement engagement) {
        return consumer(settings, engagement, indexer);
    }

    JetstreamConsumer consumer(BlueskySettings settings, StreamEngagement engagement, BulkIndexer indexer) {
        return consumer(settings, engagement, indexer, deletions);
    }

    JetstreamConsumer consumer(
            BlueskySettings settings, StreamEngagement engagement, BulkIndexer indexer, PostDeletions deletions) {
        return new JetstreamConsumer(
                jetstreamClient,
                normalizer,
                indexer,
                deletions,
                engagement,
                held,
                cursors,
                ledger,
                leases,
                () -> Set.of("hashtag:nike"),
                handles,
                settings,
                clock);
    }

    @Test
    void aDroppedConnectionAndARestartLoseAndDuplicateNothingAndTheDeletedPostIsGone() throws IOException {
        jetstream.dropAfter(4);
        consumer = consumer();
        consumer.start();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(storedNike()).containsExactlyInAnyOrderElementsOf(NIKE_RKEYS));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jetstream.lastTimeUs().equals(consumer.position()));
        assertThat(counts.all(names.posts()))
                .as("no other tag, no deleted post")
                .isEqualTo(5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(instant(ledger(), "last_capture_at"))
                .as("the ledger follows the stored cursor")
                .isEqualTo(micros(jetstream.lastTimeUs())));
        ObjectNode ledger = ledger();
        assertThat(instant(ledger, "covered_since"))
                .as("from the stream's first event")
                .isEqualTo(micros(jetstream.timeUs(0)));
        assertThat(ledger.path("high_water_mark").path("post_id").asText())
                .isEqualTo(jetstream.uriOf(NIKE_RKEYS.get(NIKE_RKEYS.size() - 1)));
        assertThat(ledger.path("open_gaps").asInt()).isZero();
        assertThat(jetstream.cursors())
                .as("the first connection is live, the second resumes 1 ms before the 4th event")
                .startsWith(null, jetstream.timeUs(3) - 1000);
        ObjectNode facetAndText = post("3lbqxa2nike8");
        assertThat(facetAndText.path("hashtags").toString()).contains("nike", "justdoit");
        assertThat(facetAndText.path("media_type").asText()).isEqualTo("video");
        assertThat(facetAndText.path("author").path("id").asText()).isEqualTo("did:plc:vwzwgnygau7ed7b7wt5ux7y2");
        assertThat(List.of(facetAndText.path("likes"), facetAndText.path("shares"), facetAndText.path("engagement")))
                .as("its creation was read by the live stream: every like after it is counted, from 0")
                .allMatch(count -> count.isNumber() && count.asLong() == 0);
        assertThat(facetAndText.has("comments"))
                .as("replies are not counted: unknown, not 0")
                .isFalse();

        // Restart: a new consumer knows only the stored cursor, the last event's time_us.
        consumer.close();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jetstream.lastTimeUs().toString().equals(storedCursor()));
        jetstream.reset();
        consumer = consumer();
        consumer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !jetstream.cursors().isEmpty());
        assertThat(jetstream.cursors().get(0)).isEqualTo(jetstream.timeUs(9) - 1000);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.events() >= 1);
        assertThat(counts.all(names.posts())).isEqualTo(5);
    }

    /**
     * Issue 17, the fault the {@code kill -9} end-to-end test found: the consumer moved its cursor and the ledger's
     * {@code last_capture_at} once the indexer had "flushed", which also counted writes that went to the spool's memory
     * (Elasticsearch unreachable, or the indexer closing at shutdown) and a flush that timed out; a SIGKILL then lost
     * those posts while the cursor and the ledger claimed them. Here the posts index cannot be reached (a cut proxy)
     * while the cursor and the ledger can: nothing may move past the unacknowledged posts, and after a "kill" (the
     * spool thrown away) a restart stores every post.
     */
    @Test
    void writesElasticsearchDidNotAcknowledgeMoveNeitherTheCursorNorTheLedger(@TempDir Path spool) throws IOException {
        try (TcpProxy proxy = new TcpProxy(ElasticsearchTestServer.global().url());
                RestClient rest = RestClient.builder(HttpHost.create(proxy.url()))
                        .setRequestConfigCallback(c -> c.setConnectTimeout(1000).setSocketTimeout(10_000))
                        .build()) {
            ElasticsearchClient cutOff = new ElasticsearchClient(
                    new RestClientTransport(rest, new JacksonJsonpMapper(ContractJson.configure(new ObjectMapper()))));
            proxy.cut();
            try (BulkIndexer unacknowledged =
                    new BulkIndexer(cutOff, names, IngestTestSettings.of(spool), new SimpleMeterRegistry(), clock)) {
                consumer = consumer(properties.sources().bluesky(), engagement, unacknowledged);
                consumer.start();
                await("the stream read, batch after batch")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> consumer.events() >= jetstream.size());
                assertThat(unacknowledged.spoolDepth())
                        .as("the posts went to the spool's memory, which a kill -9 loses")
                        .isPositive();
                assertThat(storedCursor())
                        .as("no cursor past unacknowledged posts")
                        .isNull();
                assertThat(consumer.position()).as("nor a position in memory").isNull();
                assertThat(ledger().has("last_capture_at"))
                        .as("no coverage claimed")
                        .isFalse();
                consumer.close();
            }
        }
        deleteSpool(spool); // the kill: the spooled posts are gone

        consumer = consumer();
        consumer.start();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(storedNike()).containsExactlyInAnyOrderElementsOf(NIKE_RKEYS));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jetstream.lastTimeUs().toString().equals(storedCursor()));
        assertThat(instant(ledger(), "last_capture_at")).isEqualTo(micros(jetstream.lastTimeUs()));
    }

    private static void deleteSpool(Path spool) throws IOException {
        try (var files = Files.list(spool)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void likesAndRepostsOfOurPostsAreCountedOnceIntoMetricsAcrossADropAndARestart() throws IOException {
        engagementStream.reset();
        engagementStream.dropAfter(4);
        BlueskySettings settings = settings(
                List.of(URI.create(engagementStream.url())),
                properties.sources().bluesky().backfill());
        consumer = consumer(settings);
        consumer.start();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> engagementStream.lastTimeUs().toString().equals(storedCursor()));
        assertThat(engagementStream.cursors())
                .as("the 4th event (a like) is sent again after the drop")
                .startsWith(null, engagementStream.timeUs(3) - 1000);
        String liked = DocumentIds.post(Platform.BLUESKY, engagementStream.uriOf("3lbqxa2nike1"));
        ObjectNode metrics = newestMetrics(liked);
        assertThat(metrics.path("likes").asLong())
                .as("three likes, the one sent twice counted once, the undone one not subtracted")
                .isEqualTo(3);
        assertThat(metrics.path("shares").asLong()).as("one repost").isEqualTo(1);
        assertThat(metrics.path("engagement").asLong()).isEqualTo(4);
        assertThat(metrics.path("stream_through_us").asLong()).isEqualTo(engagementStream.lastTimeUs());
        assertThat(metrics.has("comments"))
                .as("replies are not counted: unknown, not 0")
                .isFalse();
        assertThat(metrics.path("hashtags").toString()).contains("nike");
        assertThat(counts.all(names.postMetrics()))
                .as("only the post we hold and still exists: not the deleted one, not the one we never stored")
                .isEqualTo(counts.where(names.postMetrics(), "post_id", liked));
        assertCountsOnThePost(liked, metrics);
        assertThat(postDocument(DocumentIds.post(Platform.BLUESKY, engagementStream.uriOf("3lbqxa2gone6"))))
                .as("the liked post deleted later is not brought back by its counts")
                .isNull();

        // A restart (its counts read back from Elasticsearch) is sent the last like again and counts it once.
        consumer.close();
        engagementStream.reset();
        indexer.close();
        startTheIndexer();
        consumer = consumer(settings, new StreamEngagement(client, names, held));
        consumer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.events() >= 1);
        assertThat(engagementStream.cursors().get(0)).isEqualTo(engagementStream.timeUs(9) - 1000);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engagementStream.lastTimeUs().toString().equals(storedCursor()));
        assertThat(newestMetrics(liked).path("likes").asLong()).isEqualTo(3);
        assertCountsOnThePost(liked, newestMetrics(liked));
    }

    /** The post document carries its newest stream-counted metrics: likes, reposts as shares, their sum. */
    private void assertCountsOnThePost(String postId, ObjectNode metrics) throws IOException {
        ObjectNode post = postDocument(postId);
        assertThat(post).as("post " + postId).isNotNull();
        assertThat(post.path("likes").asLong()).isEqualTo(metrics.path("likes").asLong());
        assertThat(post.path("shares").asLong())
                .isEqualTo(metrics.path("shares").asLong());
        assertThat(post.path("engagement").asLong())
                .isEqualTo(metrics.path("engagement").asLong())
                .isEqualTo(post.path("likes").asLong() + post.path("shares").asLong());
        assertThat(post.has("comments")).as("replies are not counted").isFalse();
    }

    private ObjectNode postDocument(String postId) throws IOException {
        var got = client.get(g -> g.index(names.posts()).id(postId), ObjectNode.class);
        return got.found() ? got.source() : null;
    }

    /** The test's settings with other endpoints and back-fill. */
    private BlueskySettings settings(List<URI> endpoints, Duration backfill) {
        BlueskySettings live = properties.sources().bluesky();
        return new BlueskySettings(
                endpoints,
                live.userAgent(),
                live.cursorOverlap(),
                live.replayWindow(),
                live.batchSize(),
                live.batchInterval(),
                live.cursorInterval(),
                live.reconnectBackoff(),
                live.reconnectBackoffMax(),
                live.targetsRefresh(),
                live.coverageInterval(),
                backfill,
                live.appview());
    }

    private ObjectNode newestMetrics(String postId) throws IOException {
        counts.all(names.postMetrics());
        var hits = client.search(
                        s -> s.index(names.postMetrics())
                                .query(q -> q.term(t -> t.field("post_id").value(postId)))
                                .sort(o -> o.field(f -> f.field("stream_through_us")
                                        .order(co.elastic.clients.elasticsearch._types.SortOrder.Desc)))
                                .size(1),
                        ObjectNode.class)
                .hits()
                .hits();
        assertThat(hits).as("metrics of " + postId).isNotEmpty();
        return hits.get(0).source();
    }

    @Test
    void aResumePointOlderThanTheReplayWindowIsAGapOfEveryWatchedTarget() throws IOException {
        long twoDaysAgo = clock.instant().minus(Duration.ofDays(2)).toEpochMilli() * 1000;
        cursors.write(
                JetstreamConsumer.SOURCE,
                Map.of(JetstreamConsumer.CURSOR_KEY, Long.toString(twoDaysAgo)),
                clock.instant());
        consumer = consumer();
        consumer.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> counts.all(names.coverageGaps()) == 1);
        ObjectNode gap = client.search(s -> s.index(names.coverageGaps()), ObjectNode.class)
                .hits()
                .hits()
                .get(0)
                .source();
        assertThat(gap.path("target_id").asText()).isEqualTo("hashtag:nike");
        assertThat(gap.path("platform").asText()).isEqualTo("bluesky");
        assertThat(gap.path("reason").asText()).isEqualTo("api_window");
        assertThat(gap.path("to").asText())
                .isEqualTo(clock.instant().minus(Duration.ofHours(24)).toString());
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(storedNike()).containsExactlyInAnyOrderElementsOf(NIKE_RKEYS));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ledger().path("open_gaps").asInt())
                        .as("the ledger counts the gap")
                        .isEqualTo(1));
    }

    private List<String> storedNike() {
        counts.all(names.posts());
        try {
            return client.search(s -> s.index(names.posts()).size(100), ObjectNode.class).hits().hits().stream()
                    .map(h -> h.source().path("native_id").asText())
                    .map(uri -> uri.substring(uri.lastIndexOf('/') + 1))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aHashtagNewToTheStreamIsBackFilledFromAnOlderCursorAndItsLedgerSaysHowFar() throws IOException {
        // The stream ran before (its cursor is at the 6th event), but #nike has no ledger: it is new to the stream.
        cursors.write(
                JetstreamConsumer.SOURCE,
                Map.of(JetstreamConsumer.CURSOR_KEY, Long.toString(jetstream.timeUs(5))),
                clock.instant());
        consumer = consumer(settings(properties.sources().bluesky().endpoints(), Duration.ofHours(1)));
        consumer.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(storedNike())
                .as("the posts before the cursor too, and the one deleted during the back-fill stays deleted")
                .containsExactlyInAnyOrderElementsOf(NIKE_RKEYS));
        Instant start = micros(jetstream.timeUs(5)).minus(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(instant(ledger(), "covered_since"))
                .as("an hour before where the live stream began reading #nike")
                .isEqualTo(start));
        ObjectNode ledger = ledger();
        assertThat(ledger.path("backfill").path("done").asBoolean()).isTrue();
        assertThat(instant((ObjectNode) ledger.path("backfill"), "start")).isEqualTo(start);
        assertThat(jetstream.cursors())
                .as("the live stream from its cursor, the back-fill from an hour earlier")
                .containsExactlyInAnyOrder(
                        jetstream.timeUs(5) - 1000, start.getEpochSecond() * 1_000_000 + start.getNano() / 1000);
        assertThat(counts.all(names.posts())).isEqualTo(5);
        for (String rkey : List.of("3lbqxa2nike1", "3lbqxa2nike4", "3lbqxa2nike5")) {
            ObjectNode backFilled = post(rkey);
            assertThat(backFilled.has("engagement") || backFilled.has("likes") || backFilled.has("shares"))
                    .as(rkey + " was back-filled: its likes before the stream joined are unknown, so no counts")
                    .isFalse();
        }
        for (String rkey : List.of("3lbqxa2nike8", "3lbqxa2nik10")) {
            ObjectNode live = post(rkey);
            assertThat(List.of(live.path("likes"), live.path("shares"), live.path("engagement")))
                    .as(rkey + " was created while the live stream read: counted from 0")
                    .allMatch(count -> count.isNumber() && count.asLong() == 0);
        }
    }

    /**
     * Regression (issue 17): a back-fill that could not apply a deletion by its end (the indexer busy at that moment,
     * or Elasticsearch refusing it) logged it and dropped it, so the post its author deleted stayed stored for good;
     * the back-fill test above failed so under load. Here only the back-fill reads the deleted post (the live stream
     * starts after the deletion) and deletions fail until the back-fill is over: the live stream must take the
     * deletion over and apply it once it can.
     */
    @Test
    void aDeletionTheBackFillCouldNotApplyIsTakenOverByTheLiveStream() throws IOException {
        cursors.write(
                JetstreamConsumer.SOURCE,
                Map.of(JetstreamConsumer.CURSOR_KEY, Long.toString(jetstream.timeUs(7))),
                clock.instant());
        try (TcpProxy proxy = new TcpProxy(ElasticsearchTestServer.global().url());
                RestClient rest = RestClient.builder(HttpHost.create(proxy.url()))
                        .setRequestConfigCallback(c -> c.setConnectTimeout(1000).setSocketTimeout(10_000))
                        .build()) {
            PostDeletions refused = new PostDeletions(
                    new ElasticsearchClient(new RestClientTransport(
                            rest, new JacksonJsonpMapper(ContractJson.configure(new ObjectMapper())))),
                    names);
            proxy.cut();
            consumer = consumer(
                    settings(properties.sources().bluesky().endpoints(), Duration.ofHours(1)),
                    engagement,
                    indexer,
                    refused);
            consumer.start();
            await("the back-fill wrote the deleted post and is over")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        jetstream.closeConnections(); // a live batch takes over what the back-fill left
                        return storedNike().contains("3lbqxa2gone6") && consumer.backfills() == 0;
                    });
            proxy.restore();
            await("the deletion applied by the live stream")
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> {
                        jetstream.closeConnections();
                        assertThat(storedNike()).containsExactlyInAnyOrderElementsOf(NIKE_RKEYS);
                    });
        }
    }

    private ObjectNode ledger() throws IOException {
        var found = client.get(g -> g.index(names.targetCoverage()).id("hashtag:nike@bluesky"), ObjectNode.class);
        return found.found()
                ? found.source()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    private static Instant instant(ObjectNode ledger, String field) {
        return ledger.hasNonNull(field) ? Instant.parse(ledger.path(field).asText()) : null;
    }

    private static Instant micros(long timeUs) {
        return Instant.ofEpochSecond(timeUs / 1_000_000, (timeUs % 1_000_000) * 1000);
    }

    private String storedCursor() throws IOException {
        return cursors.read(JetstreamConsumer.SOURCE, List.of(JetstreamConsumer.CURSOR_KEY))
                .get(JetstreamConsumer.CURSOR_KEY);
    }

    private ObjectNode post(String rkey) throws IOException {
        String uri = jetstream.uriOf(rkey);
        return client.get(g -> g.index(names.posts()).id(DocumentIds.post(Platform.BLUESKY, uri)), ObjectNode.class)
                .source();
    }
}
