package io.onestore.ingestor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.ContractIndices;
import io.onestore.ingestor.IndexCounts;
import io.onestore.ingestor.IngestTestSettings;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.Captures;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.net.TcpProxy;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elasticsearch cut off by a TCP proxy while captures keep coming: nothing is lost, nothing is indexed twice, and a
 * spool left by a stopped indexer is replayed by the next one.
 */
class ElasticsearchOutageTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);

    static ContractIndices contract;
    static ElasticsearchClient direct;
    static IndexNames names;
    static IndexCounts counts;
    ElasticsearchClient proxied;
    TcpProxy proxy;
    final TestClock clock = new TestClock(T0);

    @TempDir
    Path spoolDir;

    @BeforeAll
    static void installContract() {
        contract = ContractIndices.install(ElasticsearchOutageTest.class);
        direct = contract.client();
        names = contract.names();
        counts = contract.counts();
    }

    @AfterAll
    static void closeDirect() throws IOException {
        contract.close();
    }

    @BeforeEach
    void putProxyInFront() {
        proxy = new TcpProxy(ElasticsearchTestServer.global().url());
        RestClient rest = RestClient.builder(HttpHost.create(proxy.url()))
                .setRequestConfigCallback(c -> c.setConnectTimeout(1000).setSocketTimeout(10_000))
                .build();
        proxied = new ElasticsearchClient(
                new RestClientTransport(rest, new JacksonJsonpMapper(ContractJson.configure(new ObjectMapper()))));
    }

    @AfterEach
    void tearDown() throws IOException {
        proxy.close();
        proxied._transport().close();
        counts.deleteAll(names);
    }

    BulkIndexer indexer() {
        // A buffer of 5 writes: an outage of a few captures spills to disk, not only to memory.
        return new BulkIndexer(proxied, names, IngestTestSettings.of(spoolDir, 5), new SimpleMeterRegistry(), clock);
    }

    @Test
    void anOutageMidRunEndsWithExactlyTheCountsOfARunWithoutIt() {
        try (BulkIndexer indexer = indexer()) {
            indexer.index(Captures.hashtag("outage", T0, List.of("o1", "o2"), 1));
            assertThat(indexer.flush(WAIT)).isTrue();

            proxy.cut();
            indexer.index(
                    Captures.hashtag("outage", T0.plus(IngestTestSettings.INTERVAL), List.of("o1", "o2", "o3"), 2));
            indexer.index(Captures.profile("outage_profile", T0));
            assertThat(indexer.isPaused()).isTrue();
            assertThat(indexer.spoolDepth()).isEqualTo(8);
            assertThat(segments()).isNotEmpty();

            proxy.restore();
            await().atMost(WAIT).until(() -> indexer.isIdle() && !indexer.isPaused());
        }

        assertThat(counts.where(names.posts(), "found_in_tags", "outage")).isEqualTo(3);
        assertThat(counts.where(names.postMetrics(), "hashtags", "outage")).isEqualTo(5);
        assertThat(counts.where(names.tagSnapshots(), "tag", "outage")).isEqualTo(2);
        assertThat(counts.where(names.profileSnapshots(), "username", "outage_profile"))
                .isEqualTo(1);
        assertThat(counts.all(names.deadletter())).isZero();
        assertThat(segments()).isEmpty();
    }

    @Test
    void aSpoolLeftByAStoppedIndexerIsReplayedByTheNextOne() {
        try (BulkIndexer before = indexer()) {
            proxy.cut();
            before.index(Captures.hashtag("restart", T0, List.of("s1", "s2"), 1));
            before.index(Captures.hashtag("restart2", T0, List.of("s3"), 1));
        }
        assertThat(segments()).isNotEmpty();
        assertThat(counts.all(names.posts())).isZero();

        proxy.restore();
        try (BulkIndexer after = indexer()) {
            assertThat(after.isPaused()).as("replays before taking new writes").isTrue();
            await().atMost(WAIT).until(() -> after.isIdle() && !after.isPaused());
        }

        assertThat(counts.all(names.posts())).isEqualTo(3);
        assertThat(counts.all(names.postMetrics())).isEqualTo(3);
        assertThat(counts.all(names.tagSnapshots())).isEqualTo(2);
        assertThat(segments()).isEmpty();
    }

    /**
     * A post that reaches Elasticsearch only by the replay of the spool (no stream sent it in this process) is among
     * the posts the stream may hold, so its likes are counted: the write path tells {@link HeldPosts}, not its callers.
     */
    @Test
    void aBlueskyPostReplayedFromTheSpoolIsAmongTheHeldPosts() {
        PostDocument post = blueskyPost("3lspooled1");
        try (BulkIndexer before = indexer()) {
            proxy.cut();
            before.index(
                    new CaptureBatch(Target.hashtag("spooled"), T0, List.of(post), List.of(), null, null, List.of()));
        }
        assertThat(segments()).isNotEmpty();
        HeldPosts held = new HeldPosts(direct, names, Platform.BLUESKY, clock);
        assertThat(held.load()).isTrue();
        assertThat(held.mayHold(post.id()))
                .as("not stored yet: certainly not held")
                .isFalse();

        proxy.restore();
        try (BulkIndexer after = new BulkIndexer(
                proxied, names, IngestTestSettings.of(spoolDir, 5), new SimpleMeterRegistry(), clock, held)) {
            await().atMost(WAIT).until(() -> after.isIdle() && !after.isPaused());
        }

        assertThat(counts.all(names.posts())).isEqualTo(1);
        assertThat(held.mayHold(post.id()))
                .as("stored by the replay: may be held, so a like of it is not dropped")
                .isTrue();
    }

    private static PostDocument blueskyPost(String rkey) {
        PostDocument like = Captures.post(rkey, "spooled", T0, 1);
        return new PostDocument(
                Platform.BLUESKY,
                "at://did:plc:spooled/app.bsky.feed.post/" + rkey,
                "https://bsky.app/profile/did:plc:spooled/post/" + rkey,
                like.author(),
                like.caption(),
                like.hashtags(),
                like.mentions(),
                like.foundInTags(),
                like.mediaType(),
                like.publishedAt(),
                like.firstSeenAt(),
                like.lastSeenAt(),
                like.likes(),
                like.comments(),
                like.views(),
                like.shares(),
                like.likesHidden(),
                like.engagement(),
                like.sentiment(),
                "bluesky-jetstream",
                like.raw());
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
