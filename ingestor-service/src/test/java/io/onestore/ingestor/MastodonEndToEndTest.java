package io.onestore.ingestor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.mastodon.MastodonNormalizer;
import io.onestore.ingestor.capture.mastodon.MastodonTargetFetcher;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.schedule.CycleReport;
import io.onestore.ingestor.schedule.IngestCycle;
import io.onestore.ingestor.source.mastodon.MastodonTimelineClient;
import io.onestore.ingestor.targets.SourceCursors;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingestor reading {@code #nike} on two Mastodon servers (WireMock, recorded-shape timelines) into the real
 * Elasticsearch: the first capture reads each server's newest page, later ones read forward from each server's own
 * cursor with {@code min_id}, a post both servers serve is one document, a server that locks its timeline is reported
 * and left alone while the other is read, and a new fetcher (a restarted ingestor) resumes from the stored cursors.
 */
@SpringBootTest
@Import(MockUpstreamRig.HandMovedClock.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class MastodonEndToEndTest {

    static final String PATH = "/api/v1/timelines/tag/nike";
    static final String SOCIAL_NEWEST = "113574012345678903";
    static final String FOSSTODON_NEWEST = "11357678902";
    static final MockUpstreamRig RIG = new MockUpstreamRig("#nike mastodon\n", "");
    static final WireMockServer social = RIG.upstream();
    static final WireMockServer fosstodon = started();

    static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RIG.register(registry);
        registry.add("onestore.index.prefix", () -> ElasticsearchTestServer.indexPrefix(MastodonEndToEndTest.class));
        registry.add(
                "onestore.ingest.spool-dir",
                () -> RIG.workDir().resolve("spool").toString());
        registry.add("onestore.sources.mastodon.servers", () -> social.baseUrl() + "," + fosstodon.baseUrl());
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
    MastodonTimelineClient timelines;

    @Autowired
    MastodonNormalizer normalizer;

    @Autowired
    SourceCursors cursors;

    @Autowired
    IngestorProperties properties;

    IndexCounts counts;

    @BeforeEach
    void emptyIndicesAndUpstreams() {
        await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);
        counts = new IndexCounts(client);
        counts.deleteAll(names);
        social.resetAll();
        fosstodon.resetAll();
        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);
    }

    @AfterAll
    static void stopUpstreams() {
        social.stop();
        fosstodon.stop();
    }

    @Test
    void readsEachServerFromItsOwnCursorOnePostPerUriAndResumesAfterARestart() throws IOException {
        newest(social, "timeline-nike.json");
        newest(fosstodon, "timeline-nike-fosstodon.json");

        CycleReport first = run();

        assertThat(first.fetched()).isEqualTo(1);
        assertThat(first.failed()).isZero();
        assertThat(counts.all(names.posts()))
                .as("bob's post came from both servers: one document")
                .isEqualTo(3);
        assertThat(counts.where(names.posts(), "platform", "mastodon")).isEqualTo(3);
        assertThat(counts.all(names.postMetrics())).isEqualTo(3);
        assertThat(counts.all(names.tagSnapshots())).isEqualTo(1);
        ObjectNode alice = client.get(
                        g -> g.index(names.posts())
                                .id(DocumentIds.post(
                                        Platform.MASTODON,
                                        "https://mastodon.social/users/alice/statuses/113574012345678903")),
                        ObjectNode.class)
                .source();
        assertThat(alice.path("author").path("username").asText()).isEqualTo("alice@mastodon.social");
        assertThat(alice.path("likes").asLong()).isEqualTo(17);
        ObjectNode ledger = ledger();
        assertThat(ledger.path("covered_since").asText())
                .as("the oldest status read: carol's")
                .isEqualTo("2026-11-26T11:30:00Z");
        assertThat(ledger.path("high_water_mark").path("published_at").asText()).isEqualTo("2026-11-26T11:58:03Z");
        assertThat(ledger.path("open_gaps").asInt()).isZero();

        after(social, SOCIAL_NEWEST, "timeline-nike-newer.json");
        after(fosstodon, FOSSTODON_NEWEST, null);
        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);

        CycleReport second = run();

        assertThat(second.fetched()).isEqualTo(1);
        assertThat(counts.all(names.posts())).isEqualTo(4);
        social.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("min_id", equalTo(SOCIAL_NEWEST)));
        fosstodon.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("min_id", equalTo(FOSSTODON_NEWEST)));
        assertThat(cursors.read(MastodonTargetFetcher.SOURCE, List.of(key(social), key(fosstodon))))
                .as("written when the next capture began, after the first cycle's writes were flushed")
                .containsEntry(key(social), SOCIAL_NEWEST)
                .containsEntry(key(fosstodon), FOSSTODON_NEWEST);
        ledger = ledger();
        assertThat(ledger.path("high_water_mark").path("published_at").asText()).isEqualTo("2026-11-26T12:03:00Z");
        assertThat(ledger.path("last_capture_at").asText())
                .isEqualTo(second.startedAt().toString());
        assertThat(ledger.path("covered_since").asText()).isEqualTo("2026-11-26T11:30:00Z");
        assertThat(gaps()).as("both servers read up to each capture").isEmpty();

        // A restarted ingestor knows only the stored cursors: it reads the second capture again, into the same ids.
        social.resetRequests();
        MastodonTargetFetcher restarted = new MastodonTargetFetcher(
                timelines, normalizer, cursors, properties.sources().mastodon(), clock);
        var result = restarted
                .fetch(new Target(TargetDocument.Kind.HASHTAG, "nike", Platform.MASTODON), clock.instant())
                .block(Duration.ofSeconds(30));

        assertThat(result.target().platform()).isEqualTo(Platform.MASTODON);
        social.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("min_id", equalTo(SOCIAL_NEWEST)));
        social.verify(0, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("min_id", absent()));
    }

    // Regression: under load a cycle stopped waiting while the first capture of #puma finished; the fetcher had moved
    // its cursors already, so every later capture read forward from past 120 statuses that were never written.
    @Test
    void aCaptureNotHandedToTheIndexerLeavesTheCursorsWhereTheyWere() {
        newest(social, "timeline-nike.json");
        newest(fosstodon, "timeline-nike-fosstodon.json");
        after(social, SOCIAL_NEWEST, null);
        after(fosstodon, FOSSTODON_NEWEST, null);
        MastodonTargetFetcher fetcher = new MastodonTargetFetcher(
                timelines, normalizer, cursors, properties.sources().mastodon(), clock);
        Target nike = new Target(TargetDocument.Kind.HASHTAG, "nike", Platform.MASTODON);

        CaptureResult abandoned = fetcher.fetch(nike, clock.instant()).block(Duration.ofSeconds(30));
        CaptureResult again = fetcher.fetch(nike, clock.instant()).block(Duration.ofSeconds(30));

        assertThat(abandoned).isInstanceOf(CaptureResult.Captured.class);
        assertThat(((CaptureResult.Captured) again).batch().posts())
                .as("read whole again")
                .hasSize(3);
        social.verify(0, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("min_id", equalTo(SOCIAL_NEWEST)));

        ((CaptureResult.Captured) again).onHandOver().run();
        fetcher.fetch(nike, clock.instant()).block(Duration.ofSeconds(30));

        social.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("min_id", equalTo(SOCIAL_NEWEST)));
        fosstodon.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("min_id", equalTo(FOSSTODON_NEWEST)));
    }

    @Test
    void aServerThatLocksItsTimelineIsLeftAloneAndTheOtherStillRead() throws IOException {
        newest(social, "timeline-nike.json");
        fosstodon.stubFor(get(urlPathEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("mastodon/error-unauthorized.json"))));

        CycleReport first = run();
        after(social, SOCIAL_NEWEST, null);
        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);
        CycleReport second = run();

        assertThat(first.fetched()).isEqualTo(1);
        assertThat(second.fetched()).isEqualTo(1);
        assertThat(counts.all(names.posts())).isEqualTo(3);
        fosstodon.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
        social.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
        List<ObjectNode> gaps = gaps();
        assertThat(gaps)
                .as("one gap of the locked server, grown to the second capture, not one per cycle")
                .hasSize(1);
        assertThat(gaps.get(0).path("reason").asText()).isEqualTo("locked");
        assertThat(gaps.get(0).path("part").asText()).isEqualTo(part(fosstodon));
        assertThat(gaps.get(0).path("status").asText()).isEqualTo("open");
        assertThat(gaps.get(0).path("from").asText())
                .as("from where the tag's coverage starts")
                .isEqualTo("2026-11-26T11:30:00Z");
        assertThat(gaps.get(0).path("to").asText()).isEqualTo(second.startedAt().toString());
        assertThat(ledger().path("open_gaps").asInt()).isEqualTo(1);
    }

    @Test
    void aRateLimitedServerLeavesAGapThatIsFilledWhenItIsReadAgain() throws IOException {
        newest(social, "timeline-nike.json");
        fosstodon.stubFor(get(urlPathEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-RateLimit-Reset", "2026-11-26T12:06:00.000Z")
                        .withBody(Fixtures.read("mastodon/error-rate-limited.json"))));

        CycleReport first = run();

        List<ObjectNode> open = gaps();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("reason").asText()).isEqualTo("rate_limited");
        assertThat(open.get(0).path("to").asText()).isEqualTo(first.startedAt().toString());
        assertThat(ledger().path("open_gaps").asInt()).isEqualTo(1);

        fosstodon.resetAll();
        newest(fosstodon, "timeline-nike-fosstodon.json");
        after(social, SOCIAL_NEWEST, null);
        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);
        run();

        List<ObjectNode> after = gaps();
        assertThat(after).hasSize(1);
        assertThat(after.get(0).path("status").asText())
                .as("kept as history, no longer counted")
                .isEqualTo("filled");
        assertThat(ledger().path("open_gaps").asInt()).isZero();
        fosstodon.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aTargetFailsOnlyWhenNoServerCouldBeReadAndStaysDue() throws IOException {
        social.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(502)));
        fosstodon.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

        CycleReport first = run();
        newest(social, "timeline-nike.json");
        newest(fosstodon, "timeline-nike-fosstodon.json");
        CycleReport retry = run();

        assertThat(first.failed()).isEqualTo(1);
        assertThat(retry.fetched())
                .as("still due at the next tick, not an interval later")
                .isEqualTo(1);
        assertThat(counts.all(names.posts())).isEqualTo(3);
    }

    private static void newest(WireMockServer server, String fixture) {
        server.stubFor(get(urlPathEqualTo(PATH))
                .withQueryParam("min_id", absent())
                .withQueryParam("max_id", absent())
                .willReturn(okJson(Fixtures.read("mastodon/" + fixture))));
    }

    private static void after(WireMockServer server, String minId, String fixture) {
        server.stubFor(get(urlPathEqualTo(PATH))
                .withQueryParam("min_id", equalTo(minId))
                .willReturn(okJson(fixture == null ? "[]" : Fixtures.read("mastodon/" + fixture))));
    }

    private ObjectNode ledger() throws IOException {
        return client.get(g -> g.index(names.targetCoverage()).id("hashtag:nike@mastodon"), ObjectNode.class)
                .source();
    }

    private List<ObjectNode> gaps() throws IOException {
        client.indices().refresh(r -> r.index(names.coverageGaps()));
        return client.search(s -> s.index(names.coverageGaps()), ObjectNode.class).hits().hits().stream()
                .map(hit -> hit.source())
                .toList();
    }

    private static String part(WireMockServer server) {
        return "localhost:" + server.port();
    }

    private static String key(WireMockServer server) {
        return "localhost:" + server.port() + "/nike";
    }

    private CycleReport run() throws IOException {
        client.indices().refresh(r -> r.index(names.targets()));
        return cycle.run();
    }
}
