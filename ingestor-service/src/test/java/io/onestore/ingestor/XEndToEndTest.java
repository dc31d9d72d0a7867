package io.onestore.ingestor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.account.AccountState;
import io.onestore.ingestor.account.XAccounts;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.x.XTargetFetcher;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.schedule.CycleReport;
import io.onestore.ingestor.schedule.IngestCycle;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TagVolumeDocument;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingestor with X enabled against WireMock serving X's answers, into the real Elasticsearch: {@code #nike x}
 * and {@code @nike x} from the targets file, cycles run by hand. The first walk reads one page and sets the mark;
 * later walks send it as {@code since_id} and page to the end; a walk cut short by the page budget records a gap;
 * spend is counted per target; a token out of credit leaves the rotation and the next token serves the call.
 */
@SpringBootTest
@Import(MockUpstreamRig.HandMovedClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XEndToEndTest {

    static final MockUpstreamRig RIG = new MockUpstreamRig("#nike x\n@nike x\n", "");
    static final WireMockServer upstream = RIG.upstream();
    static final String SEARCH = "/2/tweets/search/recent";
    static final String COUNTS = "/2/tweets/counts/recent";
    static final String FIRST_MARK = "1863291745021837312";
    static final String SECOND_MARK = "1863292900000000000";
    static final String THIRD_MARK = "1863294000000000000";
    static final String LATER_MARK = "1863294600000000000";

    @DynamicPropertySource
    static void x(DynamicPropertyRegistry registry) throws IOException {
        RIG.register(registry);
        Files.writeString(RIG.workDir().resolve("x-tokens.txt"), "x-1 tok-x-1-s3cr3t\nx-2 tok-x-2-s3cr3t\n");
        registry.add("onestore.index.prefix", () -> ElasticsearchTestServer.indexPrefix(XEndToEndTest.class));
        registry.add(
                "onestore.ingest.spool-dir",
                () -> RIG.workDir().resolve("spool-x").toString());
        registry.add("onestore.sources.x.enabled", () -> "true");
        registry.add("onestore.sources.x.base-url", upstream::baseUrl);
        registry.add(
                "onestore.sources.x.accounts-file",
                () -> RIG.workDir().resolve("x-tokens.txt").toString());
        registry.add("onestore.sources.x.max-pages", () -> "2");
        registry.add("onestore.sources.x.retry.initial-backoff", () -> "10ms");
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
    XAccounts accounts;

    @Autowired
    XTargetFetcher xFetcher;

    @Test
    @Order(1)
    void sinceIdPagingSpendAndAGapOverThreeCycles() throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);
        IndexCounts counts = new IndexCounts(client);
        upstream.stubFor(get(urlPathEqualTo(COUNTS))
                .withQueryParam("next_token", absent())
                .willReturn(okJson(Fixtures.x("counts-nike-hourly-page1.json"))));
        upstream.stubFor(get(urlPathEqualTo(COUNTS))
                .withQueryParam("next_token", equalTo("1jzu9lk96gu5npxdc1rahrwsbpvi"))
                .willReturn(okJson(Fixtures.x("counts-nike-hourly-page2.json"))));
        upstream.stubFor(
                get(urlPathEqualTo("/2/users/by/username/nike")).willReturn(okJson(Fixtures.x("user-nike.json"))));
        upstream.stubFor(get(urlPathEqualTo(SEARCH))
                .withQueryParam("since_id", absent())
                .willReturn(okJson(Fixtures.x("search-nike-page1.json"))));

        CycleReport first = run();
        assertThat(first.due()).isEqualTo(2);
        assertThat(first.fetched()).isEqualTo(2);
        assertThat(counts.where(names.posts(), "platform", "x"))
                .as("the first walk reads one page; its retweet is no post")
                .isEqualTo(4);
        assertThat(counts.where(names.tagSnapshots(), "platform", "x")).isEqualTo(1);
        assertThat(counts.where(names.profileSnapshots(), "platform", "x")).isEqualTo(1);
        assertThat(ledger().highWaterMark().postId()).isEqualTo(FIRST_MARK);
        upstream.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)));
        assertThat(volume())
                .as("both counts pages read: every whole hour and the open one, not the window's partial first")
                .containsExactly(
                        entry("2026-11-23T12:00:00Z", "14 whole"),
                        entry("2026-11-23T13:00:00Z", "9 whole"),
                        entry("2026-11-30T09:00:00Z", "0 whole"),
                        entry("2026-11-30T10:00:00Z", "30 whole"),
                        entry("2026-11-30T11:00:00Z", "12 open"));

        // The next read: the open hour has closed with 19 posts, a new one is open, and the window's first bucket
        // now starts at 12:05, after the whole count already stored for that hour.
        upstream.stubFor(get(urlPathEqualTo(COUNTS))
                .withQueryParam("next_token", absent())
                .willReturn(okJson(Fixtures.x("counts-nike-hourly-later.json"))));

        upstream.stubFor(get(urlPathEqualTo(SEARCH))
                .withQueryParam("since_id", equalTo(FIRST_MARK))
                .withQueryParam("next_token", absent())
                .willReturn(okJson(Fixtures.x("search-nike-newer.json"))));
        upstream.stubFor(get(urlPathEqualTo(SEARCH))
                .withQueryParam("since_id", equalTo(FIRST_MARK))
                .withQueryParam("next_token", equalTo("b26v89c19zqg8o3fpzbkk8zsi6yztdmmc7lp8vw0ww8u6"))
                .willReturn(okJson(Fixtures.x("search-empty.json"))));
        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);
        run();
        assertThat(counts.where(names.posts(), "platform", "x")).isEqualTo(6);
        assertThat(ledger().highWaterMark().postId()).isEqualTo(SECOND_MARK);
        assertThat(ledger().openGaps())
                .as("the walk reached the end of what is new")
                .isZero();
        Map<String, String> hourly = volume();
        assertThat(hourly)
                .as("one document per hour: the open hour rewritten in place, the stored whole hour kept")
                .hasSize(6)
                .containsEntry("2026-11-23T12:00:00Z", "14 whole")
                .containsEntry("2026-11-30T11:00:00Z", "19 whole")
                .containsEntry("2026-11-30T12:00:00Z", "2 open");

        upstream.stubFor(get(urlPathEqualTo(SEARCH))
                .withQueryParam("since_id", equalTo(SECOND_MARK))
                .willReturn(okJson(Fixtures.x("search-nike-newest.json"))));
        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);
        run();
        assertThat(counts.where(names.posts(), "platform", "x")).isEqualTo(7);
        assertThat(volume()).as("the same hours read again: nothing added").isEqualTo(hourly);
        assertThat(ledger().openGaps())
                .as("two pages, more offered: the page budget left a gap")
                .isEqualTo(1);
        assertThat(counts.where(names.coverageGaps(), "reason", "page_budget")).isEqualTo(1);
        assertThat(ledger().highWaterMark().postId()).isEqualTo(THIRD_MARK);
        CoverageGapDocument gap = client.search(s -> s.index(names.coverageGaps()), CoverageGapDocument.class)
                .hits()
                .hits()
                .get(0)
                .source();
        assertThat(gap.from()).isEqualTo(java.time.Instant.parse("2026-11-30T12:03:17Z"));

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> targets =
                (Map<String, Map<String, Long>>) accounts.spend().today().get("targets");
        // Pages: 5 + 2 + 0 + 1 + 1 posts, 4 + 2 + 0 + 1 + 1 authors; one user read per profile capture.
        assertThat(targets.get("hashtag:nike")).containsEntry("posts", 9L).containsEntry("users", 8L);
        assertThat(targets.get("hashtag:nike"))
                .as("two counts pages in the first capture, one in each later")
                .containsEntry("count_requests", 4L);
        assertThat(targets.get("profile:nike")).containsEntry("users", 3L).containsEntry("posts", 0L);
    }

    /**
     * Regression: the X walk wrote {@code since_id} into the ledger as it ended, before the cycle handed its posts to
     * the indexer, so a capture the cycle abandoned at its timeout left the mark past posts that were never indexed,
     * and no later walk asked for them again. The walk now only returns its coverage; the cycle records it after the
     * hand-over.
     */
    @Test
    @Order(2)
    void aCaptureThatIsNeverHandedOnLeavesTheMarkAndTheNextCycleReadsItsPostsAgain() throws IOException {
        upstream.stubFor(get(urlPathEqualTo(SEARCH))
                .withQueryParam("since_id", equalTo(THIRD_MARK))
                .willReturn(okJson(Fixtures.x("search-nike-later.json"))));
        IndexCounts counts = new IndexCounts(client);
        long posts = counts.where(names.posts(), "platform", "x");
        TargetCoverageDocument before = ledger();
        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);

        // What a cycle does with a capture it stops waiting for: nothing, the result is dropped.
        CaptureResult abandoned = xFetcher.fetch(
                        new Target(TargetDocument.Kind.HASHTAG, "nike", Platform.X),
                        clock.instant(),
                        new CoverageOrder(before.highWaterMark(), 100, Duration.ZERO, null, 0))
                .block(Duration.ofSeconds(30));

        assertThat(abandoned).isInstanceOf(CaptureResult.Captured.class);
        assertThat(((CaptureResult.Captured) abandoned).coverage().walk().mark().postId())
                .as("the walk reports the new mark")
                .isEqualTo(LATER_MARK);
        assertThat(ledger().highWaterMark().postId())
                .as("but only the cycle writes it, after the hand-over")
                .isEqualTo(THIRD_MARK);
        assertThat(ledger().lastCaptureAt()).isEqualTo(before.lastCaptureAt());

        run();

        upstream.verify(2, getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("since_id", equalTo(THIRD_MARK)));
        assertThat(counts.where(names.posts(), "platform", "x"))
                .as("the abandoned capture's two posts are read again and indexed")
                .isEqualTo(posts + 2);
        assertThat(ledger().highWaterMark().postId()).isEqualTo(LATER_MARK);
    }

    @Test
    @Order(3)
    void aTokenOutOfCreditLeavesTheRotationAndTheTargetStaysDueWhenNoneIsLeft() throws IOException {
        upstream.resetAll();
        upstream.stubFor(any(anyUrl())
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer tok-x-1-s3cr3t"))
                .willReturn(aResponse()
                        .withStatus(402)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody(Fixtures.x("error-credits-depleted.json"))));
        upstream.stubFor(get(urlPathEqualTo("/2/users/by/username/nike"))
                .withHeader("Authorization", equalTo("Bearer tok-x-2-s3cr3t"))
                .willReturn(okJson(Fixtures.x("user-nike.json"))));
        upstream.stubFor(
                get(urlPathEqualTo("/2/tweets/counts/recent")).willReturn(okJson(Fixtures.x("counts-nike.json"))));
        upstream.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(Fixtures.x("search-empty.json"))));
        IndexCounts counts = new IndexCounts(client);
        long profiles = counts.where(names.profileSnapshots(), "platform", "x");

        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);
        run();

        assertThat(counts.where(names.profileSnapshots(), "platform", "x")).isEqualTo(profiles + 1);
        AccountPool.AccountView spent = accounts.pool().view().stream()
                .filter(v -> v.id().equals("x-1"))
                .findFirst()
                .orElseThrow();
        assertThat(spent.state()).isEqualTo(AccountState.OUT_OF_ROTATION);
        assertThat(spent.outOfRotationReason()).contains("402");

        upstream.stubFor(any(anyUrl())
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer tok-x-2-s3cr3t"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.x("error-usage-capped.json"))));
        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);
        CycleReport report = run();

        assertThat(report.failed()).as("both targets failed, neither dropped").isEqualTo(2);
        // Whichever target met the capped token first saw out_of_credit; the other found no token left.
        assertThat(target("profile:nike").lastOutcome()).isIn("out_of_credit", "no_account");
        assertThat(target("hashtag:nike").lastOutcome()).isIn("out_of_credit", "no_account");
        assertThat(accounts.pool().countByState().get(AccountState.OUT_OF_ROTATION))
                .isEqualTo(2);
    }

    private CycleReport run() throws IOException {
        client.indices().refresh(r -> r.index(names.targets()));
        return cycle.run();
    }

    /** {@code tag-volume} of #nike on X: each hour's start to its count and whether it was whole when read. */
    private Map<String, String> volume() throws IOException {
        client.indices().refresh(r -> r.index(names.tagVolume()));
        Map<String, String> hours = new TreeMap<>();
        for (var hit : client.search(
                        s -> s.index(names.tagVolume())
                                .size(1000)
                                .query(q -> q.term(t -> t.field("tag").value("nike"))),
                        TagVolumeDocument.class)
                .hits()
                .hits()) {
            TagVolumeDocument hour = hit.source();
            assertThat(hit.id()).isEqualTo(hour.id());
            hours.put(hour.bucketStart().toString(), hour.postCount() + (hour.complete() ? " whole" : " open"));
        }
        return hours;
    }

    private TargetCoverageDocument ledger() throws IOException {
        client.indices().refresh(r -> r.index(names.targetCoverage()));
        return client.get(g -> g.index(names.targetCoverage()).id("hashtag:nike@x"), TargetCoverageDocument.class)
                .source();
    }

    private TargetDocument target(String id) throws IOException {
        client.indices().refresh(r -> r.index(names.targets()));
        return client.get(g -> g.index(names.targets()).id(id), TargetDocument.class)
                .source();
    }
}
