package io.onestore.ingestor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.schedule.CycleReport;
import io.onestore.ingestor.schedule.IngestCycle;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole ingestor between a mock Instagram (web mode, the recorded fixtures) and the real Elasticsearch: the real
 * {@code InstagramTargetFetcher} over an accounts file, the targets file, cycles run by hand on a hand-moved clock.
 *
 * <p>The feeds {@code #nike} and {@code #justdoit} answer the same five posts (the recorded nike page), so every post
 * is found in both; {@code @nike} adds one post of its own. The page also holds one media node without id or code,
 * which is dead-lettered once (its id is derived from its content, whichever feed or cycle saw it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MockUpstreamRig.HandMovedClock.class)
class IngestEndToEndTest {

    static final Instant T0 = MockUpstreamRig.T0;
    static final Duration INTERVAL = MockUpstreamRig.INTERVAL;
    static final String TAG_PATH = "/api/v1/tags/web_info/";
    static final String PROFILE_PATH = "/api/v1/users/web_profile_info/";
    static final String CAROUSEL_WITH_HIDDEN_LIKES = "3141592653589795003";
    static final String WITHOUT_CAPTION = "3141592653589795004";

    static final MockUpstreamRig RIG = new MockUpstreamRig(
            "# two feeds sharing posts, and a profile\n#nike\njustdoit\n@nike\n",
            "# three scrapers\nalice tok-alice-s3cr3t\nbob tok-bob-s3cr3t\n\ncarol tok-carol-s3cr3t\n");
    static final WireMockServer upstream = RIG.upstream();
    static final Path WORK_DIR = RIG.workDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RIG.register(registry);
        registry.add("onestore.index.prefix", () -> ElasticsearchTestServer.indexPrefix(IngestEndToEndTest.class));
        registry.add(
                "onestore.ingest.spool-dir", () -> WORK_DIR.resolve("spool").toString());
        registry.add("onestore.sources.instagram.mode", () -> "web");
        registry.add("onestore.sources.instagram.base-url", upstream::baseUrl);
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
    TestRestTemplate http;

    @Autowired
    MeterRegistry meters;

    IndexCounts counts;

    @BeforeEach
    void emptyIndicesAndUpstream() {
        await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);
        counts = new IndexCounts(client);
        counts.deleteAll(names);
        upstream.resetAll();
        // Each test starts in a capture bucket of its own, with every target due (the targets index is empty).
        ((TestClock) clock).advance(INTERVAL);
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop();
    }

    @Test
    void aCycleIndexesEveryTargetAndTheSameCycleNextBucketAddsOnlySnapshotsAndMetrics() throws IOException {
        answerTag("nike", "nike");
        answerTag("justdoit", "justdoit");
        answerProfile();

        CycleReport first = run();

        assertThat(first.due()).isEqualTo(3);
        assertThat(first.fetched()).isEqualTo(3);
        assertThat(first.failed()).isZero();
        assertCounts(6, 6, 2, 1, 1);
        Instant firstCapture = clock.instant();
        JsonNode carousel = post(CAROUSEL_WITH_HIDDEN_LIKES);
        // Absent or null in the source (a later merge can only null it): either way Elasticsearch indexes no value.
        assertThat(carousel.path("likes").isNumber())
                .as("hidden likes: no count, never 3")
                .isFalse();
        assertThat(client.count(c -> c.index(names.posts())
                                .query(q -> q.bool(b -> b.filter(f -> f.ids(i -> i.values(
                                                DocumentIds.post(Platform.INSTAGRAM, CAROUSEL_WITH_HIDDEN_LIKES))))
                                        .filter(f -> f.exists(e -> e.field("likes"))))))
                        .count())
                .isZero();
        assertThat(carousel.path("likes_hidden").asBoolean()).isTrue();
        assertThat(carousel.path("raw").path("pk").asText()).isEqualTo(CAROUSEL_WITH_HIDDEN_LIKES);
        JsonNode withoutCaption = post(WITHOUT_CAPTION);
        assertThat(texts(withoutCaption.path("hashtags")))
                .as("no caption: the tags are the feeds it was found in")
                .containsExactlyInAnyOrder("nike", "justdoit");
        assertThat(texts(withoutCaption.path("found_in_tags"))).containsExactlyInAnyOrder("nike", "justdoit");

        ((TestClock) clock).advance(INTERVAL);
        CycleReport second = run();

        assertThat(second.due()).isEqualTo(3);
        assertThat(second.fetched()).isEqualTo(3);
        assertCounts(6, 12, 4, 2, 1);
        JsonNode again = post(WITHOUT_CAPTION);
        assertThat(Instant.parse(again.path("first_seen_at").asText())).isEqualTo(firstCapture);
        assertThat(Instant.parse(again.path("last_seen_at").asText())).isEqualTo(firstCapture.plus(INTERVAL));
        // One newest page per capture; the pages after it (the walk past the mark, back-fill) carry a max_id.
        upstream.verify(
                2,
                getRequestedFor(urlPathEqualTo(TAG_PATH))
                        .withQueryParam("tag_name", equalTo("nike"))
                        .withQueryParam("max_id", absent()));
    }

    /**
     * Regression: profile captures read the profile page's latest posts but kept no coverage ledger, so the query API
     * listed every profile as under-covered and a campaign's coverage said its handles were never captured.
     */
    @Test
    void aProfileCaptureKeepsALedgerAndAPageThatNoLongerReachesTheMarkLeavesAnApiWindowGap() throws IOException {
        answerTag("nike", "nike");
        answerTag("justdoit", "justdoit");
        answerProfile();
        run();

        Instant onlyPost = Instant.ofEpochSecond(1_764_100_000L);
        TargetCoverageDocument first = profileLedger();
        assertThat(first).as("the profile's ledger on Instagram").isNotNull();
        assertThat(first.highWaterMark().publishedAt()).isEqualTo(onlyPost);
        assertThat(first.coveredSince())
                .as("the page shows every post since its oldest")
                .isEqualTo(onlyPost);
        assertThat(first.lastCaptureAt()).isEqualTo(clock.instant());
        assertThat(first.backfill().done()).as("the page cannot be paged back").isTrue();
        assertThat(first.openGaps()).isZero();

        // The next page shows a single newer post of a profile with 1,200: what lies between is out of its reach.
        Instant newer = clock.instant().minus(Duration.ofMinutes(1));
        upstream.stubFor(get(urlPathEqualTo(PROFILE_PATH))
                .withQueryParam("username", equalTo("nike"))
                .willReturn(okJson(Fixtures.text("web/profile-nike.json")
                        .replace("3141592653589796001", "3141592653589796002")
                        .replace("DbNike6001", "DbNike6002")
                        .replace("1764100000", Long.toString(newer.getEpochSecond())))));
        ((TestClock) clock).advance(INTERVAL);
        run();

        TargetCoverageDocument second = profileLedger();
        assertThat(second.highWaterMark().publishedAt()).isEqualTo(newer);
        assertThat(second.coveredSince()).isEqualTo(onlyPost);
        assertThat(second.openGaps()).isEqualTo(1);
        client.indices().refresh(r -> r.index(names.coverageGaps()));
        List<CoverageGapDocument> gaps = client
                .search(
                        s -> s.index(names.coverageGaps())
                                .query(q -> q.term(t -> t.field("target_id").value("profile:nike"))),
                        CoverageGapDocument.class)
                .hits()
                .hits()
                .stream()
                .map(hit -> hit.source())
                .toList();
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).reason()).isEqualTo(GapReason.API_WINDOW);
        assertThat(gaps.get(0).from()).isEqualTo(onlyPost);
        assertThat(gaps.get(0).to()).isEqualTo(newer);
    }

    private TargetCoverageDocument profileLedger() throws IOException {
        return client.get(
                        g -> g.index(names.targetCoverage())
                                .id(DocumentIds.targetCoverage("profile:nike", Platform.INSTAGRAM)),
                        TargetCoverageDocument.class)
                .source();
    }

    @Test
    void aRateLimitedAccountCoolsDownAndAnotherCapturesTheTargetInTheSameCycle() throws IOException {
        answerTag("nike", "nike");
        answerProfile();
        upstream.stubFor(tag("justdoit")
                .inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600"))
                .willSetStateTo("answered"));
        upstream.stubFor(tag("justdoit")
                .inScenario("rate limit")
                .whenScenarioStateIs("answered")
                .willReturn(okJson(tagPage("justdoit"))));

        CycleReport report = run();

        assertThat(report.due()).isEqualTo(3);
        assertThat(report.fetched()).isEqualTo(3);
        assertThat(report.failed()).isZero();
        assertCounts(6, 6, 2, 1, 1);
        // The newest page, asked twice: of the limited account, then of another (which then reads on with max_id).
        List<LoggedRequest> justdoit = upstream.findAll(getRequestedFor(urlPathEqualTo(TAG_PATH))
                .withQueryParam("tag_name", equalTo("justdoit"))
                .withQueryParam("max_id", absent()));
        assertThat(justdoit).hasSize(2);
        String limited = accountOf(justdoit.get(0));
        assertThat(accountOf(justdoit.get(1))).isNotEqualTo(limited);
        JsonNode account = accountsHealth().findValue(limited);
        assertThat(account.path("state").asText()).isEqualTo("cooling_down");
        assertThat(Instant.parse(account.path("cooling_until").asText()))
                .isEqualTo(clock.instant().plusSeconds(600));
        assertThat(target("hashtag:justdoit").lastOutcome()).isEqualTo("ok");
    }

    @Test
    void malformedJsonIsDeadLetteredWithTheRawBodyAndTheTargetIsCapturedNextCycle() throws IOException {
        String truncated =
                "{\"data\":{\"name\":\"justdoit\",\"media_count\":112473562,\"top\":{\"sections\":[{\"layout_";
        answerTag("nike", "nike");
        answerProfile();
        upstream.stubFor(tag("justdoit").willReturn(okJson(truncated)));

        CycleReport first = run();

        assertThat(first.due()).isEqualTo(3);
        assertThat(first.fetched()).isEqualTo(2);
        assertThat(first.failed()).isEqualTo(1);
        assertCounts(6, 6, 1, 1, 2);
        assertThat(counts.where(names.deadletter(), "stage", "parse")).isEqualTo(2);
        JsonNode letter = client.search(
                        s -> s.index(names.deadletter())
                                .query(q -> q.term(t -> t.field("document_id").value("hashtag:justdoit"))),
                        ObjectNode.class)
                .hits()
                .hits()
                .get(0)
                .source();
        assertThat(letter.path("stage").asText()).isEqualTo("parse");
        assertThat(letter.path("raw").asText()).isEqualTo(truncated);
        TargetDocument failed = target("hashtag:justdoit");
        assertThat(failed.lastOutcome()).isEqualTo("malformed");
        assertThat(failed.lastFetchedAt()).isNull();

        answerTag("justdoit", "justdoit");
        ((TestClock) clock).advance(Duration.ofSeconds(30));
        CycleReport second = run();

        assertThat(second.due()).as("only the failed target is still due").isEqualTo(1);
        assertThat(second.fetched()).isEqualTo(1);
        // Same capture bucket: the five posts' metrics of this bucket exist already, the justdoit snapshot is new.
        assertCounts(6, 6, 2, 1, 2);
        assertThat(texts(post(WITHOUT_CAPTION).path("found_in_tags"))).containsExactlyInAnyOrder("nike", "justdoit");
        assertThat(target("hashtag:justdoit").lastOutcome()).isEqualTo("ok");
    }

    /**
     * Issue 10: reels in a clips row are stored like the grid's posts; a row in a layout nobody knows costs its posts
     * but leaves the row in the dead-letter index, a counter and a log line, instead of fewer posts and no trace.
     */
    @Test
    void clipsRowsAreReadAndARowOfUnknownLayoutIsDeadLetteredAndCounted() throws IOException {
        answerProfile();
        answerTag("nike", "nike");
        upstream.stubFor(tag("justdoit").willReturn(okJson(Fixtures.text("web/tag-clips-row.json"))));
        double unknownBefore = unknownLayouts();

        run();

        assertThat(counts.where(names.posts(), "found_in_tags", "justdoit")).isEqualTo(9);
        assertThat(post("3300000000000000004").path("media_type").asText()).isEqualTo("video");
        assertThat(counts.where(names.deadletter(), "error_type", "unknown_layout"))
                .isZero();

        upstream.stubFor(tag("justdoit").willReturn(okJson(Fixtures.text("web/tag-unknown-layout.json"))));
        ((TestClock) clock).advance(INTERVAL);
        run();

        assertThat(counts.where(names.deadletter(), "error_type", "unknown_layout"))
                .isEqualTo(1);
        JsonNode letter = client.search(
                        s -> s.index(names.deadletter())
                                .query(q -> q.term(t -> t.field("error_type").value("unknown_layout"))),
                        ObjectNode.class)
                .hits()
                .hits()
                .get(0)
                .source();
        assertThat(letter.path("source").asText()).isEqualTo("instagram-web");
        assertThat(letter.at("/raw/layout_type").asText()).isEqualTo("media_carousel_v2");
        assertThat(letter.at("/raw/layout_content/carousel/cards/0/media/pk").asText())
                .isEqualTo("3300000000000000010");
        assertThat(unknownLayouts() - unknownBefore).isEqualTo(1.0);
    }

    private double unknownLayouts() {
        var counter = meters.find("onestore.ingest.dead_letters")
                .tag("source", "instagram-web")
                .tag("error_type", "unknown_layout")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private CycleReport run() throws IOException {
        // Leases are correct without this refresh; the test wants what the last cycle completed to be visible.
        client.indices().refresh(r -> r.index(names.targets()));
        return cycle.run();
    }

    private void assertCounts(long posts, long metrics, long tagSnapshots, long profileSnapshots, long deadLetters) {
        assertThat(counts.all(names.posts())).as("posts").isEqualTo(posts);
        assertThat(counts.all(names.postMetrics())).as("post metrics").isEqualTo(metrics);
        assertThat(counts.all(names.tagSnapshots())).as("tag snapshots").isEqualTo(tagSnapshots);
        assertThat(counts.all(names.profileSnapshots())).as("profile snapshots").isEqualTo(profileSnapshots);
        assertThat(counts.all(names.deadletter())).as("dead letters").isEqualTo(deadLetters);
    }

    private JsonNode post(String nativeId) throws IOException {
        return client.get(
                        g -> g.index(names.posts()).id(DocumentIds.post(Platform.INSTAGRAM, nativeId)),
                        ObjectNode.class)
                .source();
    }

    private TargetDocument target(String id) throws IOException {
        client.indices().refresh(r -> r.index(names.targets()));
        return client.get(g -> g.index(names.targets()).id(id), TargetDocument.class)
                .source();
    }

    private JsonNode accountsHealth() throws IOException {
        String body = http.getForObject("/actuator/health/accounts", String.class);
        return new ObjectMapper().readTree(body);
    }

    private static String accountOf(LoggedRequest request) {
        String cookie = request.getHeader("Cookie");
        for (String account : List.of("alice", "bob", "carol")) {
            if (cookie.contains("tok-" + account)) {
                return account;
            }
        }
        throw new AssertionError("no known account in " + cookie);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static MappingBuilder tag(String tag) {
        return get(urlPathEqualTo(TAG_PATH)).withQueryParam("tag_name", equalTo(tag));
    }

    private static void answerTag(String tag, String name) {
        upstream.stubFor(tag(tag).willReturn(okJson(tagPage(name))));
    }

    private static void answerProfile() {
        upstream.stubFor(get(urlPathEqualTo(PROFILE_PATH))
                .withQueryParam("username", equalTo("nike"))
                .willReturn(okJson(Fixtures.text("web/profile-nike.json"))));
    }

    /** The recorded nike page under another tag's name: the same posts, found in another feed. */
    private static String tagPage(String name) {
        return Fixtures.text("web/tag-nike.json").replaceFirst("\"name\": \"nike\"", "\"name\": \"" + name + "\"");
    }
}
