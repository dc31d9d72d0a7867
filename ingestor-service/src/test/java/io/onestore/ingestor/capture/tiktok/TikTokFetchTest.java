package io.onestore.ingestor.capture.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.onestore.ingestor.capture.tiktok.TikTokRig.QUERY;
import static io.onestore.ingestor.capture.tiktok.TikTokRig.TOKEN;
import static io.onestore.ingestor.capture.tiktok.TikTokRig.empty;
import static io.onestore.ingestor.capture.tiktok.TikTokRig.error;
import static io.onestore.ingestor.capture.tiktok.TikTokRig.json;
import static io.onestore.ingestor.capture.tiktok.TikTokRig.page;
import static io.onestore.ingestor.capture.tiktok.TikTokRig.query;
import static io.onestore.ingestor.capture.tiktok.TikTokRig.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TikTok fetcher and client over WireMock: cursor/search_id paging, the 30-day split, quotas (TikTok's answer and
 * our own count), token refresh before expiry and on 401, 429, 5xx and malformed answers.
 */
class TikTokFetchTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Target VANS = new Target(TargetDocument.Kind.HASHTAG, "vans", Platform.TIKTOK);
    static final WireMockServer server = started();

    TikTokRig rig = new TikTokRig(server, NOW, 1000, 100_000, Duration.ofDays(365));

    static WireMockServer started() {
        WireMockServer s = new WireMockServer(wireMockConfig().dynamicPort());
        s.start();
        return s;
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(token("clt.A")));
    }

    CaptureResult fetch(CoverageOrder order) {
        return rig.fetcher.fetch(VANS, rig.clock.instant(), order).block(Duration.ofSeconds(30));
    }

    static CoverageOrder since(Instant mark, int pages) {
        return new CoverageOrder(new Mark(mark, "1"), pages, Duration.ZERO, null, 0);
    }

    static long at(Duration before) {
        return NOW.minus(before).getEpochSecond();
    }

    /** The token endpoint issues clt.A, then clt.B. */
    static void tokensAThenB() {
        server.stubFor(post(urlPathEqualTo(TOKEN))
                .inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(token("clt.A"))
                .willSetStateTo("second"));
        server.stubFor(post(urlPathEqualTo(TOKEN))
                .inScenario("tokens")
                .whenScenarioStateIs("second")
                .willReturn(token("clt.B")));
    }

    int queries() {
        return server.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo(QUERY)).build())
                .getCount();
    }

    int tokens() {
        return server.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo(TOKEN)).build())
                .getCount();
    }

    /**
     * Regression: a profile's capture read its videos but kept no ledger (listed under-covered forever). It is read by
     * username like a hashtag (at least the last {@code profile-days}) and its capture carries what the ledger needs.
     */
    @Test
    void aProfileIsItsUserInfoAndItsVideosWithACoverageWalk() {
        server.stubFor(post(urlPathEqualTo("/v2/research/user/info/"))
                .willReturn(json(
                        200,
                        "{\"data\":{\"display_name\":\"Jo\",\"follower_count\":120,\"following_count\":3,"
                                + "\"video_count\":2,\"is_verified\":false},"
                                + "\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"L0\"}}")));
        server.stubFor(query().withRequestBody(matchingJsonPath("$.query.and[0].field_values[0]", equalTo("jo")))
                .willReturn(json(
                        200,
                        page(
                                new long[] {21, 22},
                                new long[] {at(Duration.ofHours(3)), at(Duration.ofDays(2))},
                                2,
                                false,
                                "S9"))));
        Target jo = new Target(TargetDocument.Kind.PROFILE, "jo", Platform.TIKTOK);

        CaptureResult result = rig.fetcher
                .fetch(jo, NOW, new CoverageOrder(null, 10, Duration.ZERO, null, 0))
                .block(Duration.ofSeconds(30));

        CaptureResult.Captured captured = (CaptureResult.Captured) result;
        assertThat(captured.batch().profileSnapshot().followers()).isEqualTo(120L);
        assertThat(captured.batch().posts()).hasSize(2);
        FeedWalk.Result walk = captured.coverage().walk();
        assertThat(walk.mark().publishedAt()).isEqualTo(NOW.minus(Duration.ofHours(3)));
        assertThat(walk.oldestRead()).isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(walk.gap()).isEmpty();
    }

    @Test
    void pagesFollowTheCursorUnderTheSearchIdOfTheFirstPage() {
        server.stubFor(query().withRequestBody(matchingJsonPath("$.cursor", equalTo("0")))
                .willReturn(json(
                        200,
                        page(
                                new long[] {11, 12},
                                new long[] {at(Duration.ofMinutes(30)), at(Duration.ofMinutes(50))},
                                2,
                                true,
                                "S1"))));
        server.stubFor(query().withRequestBody(matchingJsonPath("$.cursor", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.search_id", equalTo("S1")))
                .willReturn(json(200, page(new long[] {13}, new long[] {at(Duration.ofMinutes(70))}, 3, false, "S1"))));

        CaptureResult result = fetch(since(NOW.minus(Duration.ofHours(2)), 10));

        CaptureResult.Captured captured = (CaptureResult.Captured) result;
        assertThat(captured.batch().posts()).extracting(p -> p.nativeId()).containsExactly("11", "12", "13");
        FeedWalk.Result walk = captured.coverage().walk();
        assertThat(walk.reachedMark()).isTrue();
        assertThat(walk.gap()).isEmpty();
        assertThat(walk.mark().postId()).isEqualTo("11");
        assertThat(walk.newPosts()).isEqualTo(3);
        assertThat(captured.coverage().calls()).isEqualTo(2);
        assertThat(queries()).isEqualTo(2);
        server.verify(postRequestedFor(urlPathEqualTo(QUERY))
                .withHeader("Authorization", equalTo("Bearer clt.A"))
                .withRequestBody(matchingJsonPath("$.start_date", equalTo("20261130")))
                .withRequestBody(matchingJsonPath("$.end_date", equalTo("20261130")))
                .withRequestBody(matchingJsonPath("$.query.and[0].field_name", equalTo("hashtag_name")))
                .withRequestBody(matchingJsonPath("$.query.and[0].field_values[0]", equalTo("vans"))));
        assertThat(rig.quota.view().byTarget().get("hashtag:vans").requests()).isEqualTo(2);
        assertThat(rig.quota.view().byTarget().get("hashtag:vans").records()).isEqualTo(3);
        // The tag keys of X's spend meter: a Prometheus registry refuses one name with two sets of keys.
        assertThat(spent("requests")).isEqualTo(2);
        assertThat(spent("records")).isEqualTo(3);
    }

    private double spent(String resource) {
        return rig.meters
                .get("onestore.source.spend")
                .tags("platform", "tiktok", "resource", resource, "target", "hashtag:vans")
                .counter()
                .count();
    }

    @Test
    void aRangeLongerThanThirtyDaysIsSplitIntoWindowsNewestFirst() {
        server.stubFor(query().willReturn(json(200, empty())));

        CaptureResult result = fetch(since(Instant.parse("2026-10-15T10:00:00Z"), 10));

        assertThat(((CaptureResult.Captured) result).coverage().walk().gap()).isEmpty();
        List<String> spans = server.findAll(postRequestedFor(urlPathEqualTo(QUERY))).stream()
                .map(r -> r.getBodyAsString()
                        .replaceAll(".*\"start_date\":\"(\\d+)\",\"end_date\":\"(\\d+)\".*", "$1-$2"))
                .toList();
        assertThat(spans).containsExactly("20261101-20261130", "20261015-20261031");
    }

    @Test
    void tiktoksDailyQuotaAnswerStopsTheReadAndLeavesTheUnreadDaysAsAGap() {
        server.stubFor(query().withRequestBody(matchingJsonPath("$.start_date", equalTo("20261101")))
                .willReturn(json(200, page(new long[] {21}, new long[] {at(Duration.ofHours(1))}, 1, false, "S2"))));
        server.stubFor(query().withRequestBody(matchingJsonPath("$.start_date", equalTo("20261015")))
                .willReturn(json(429, error("daily_quota_limit_exceeded"))));
        Instant mark = Instant.parse("2026-10-15T10:00:00Z");

        CaptureResult.Captured captured = (CaptureResult.Captured) fetch(since(mark, 10));

        assertThat(captured.batch().posts()).hasSize(1);
        FeedWalk.Gap gap = captured.coverage().walk().gap().orElseThrow();
        assertThat(gap.reason()).isEqualTo(GapReason.ACCOUNT_BUDGET);
        assertThat(gap.from()).isEqualTo(mark);
        assertThat(gap.to()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(rig.quota.view().exhausted()).isTrue();

        CaptureResult again = fetch(since(mark, 10));
        assertThat(again).isInstanceOfSatisfying(CaptureResult.Failed.class, f -> assertThat(f.outcome())
                .isEqualTo("rate_limited"));
        assertThat(queries()).isEqualTo(2);
    }

    @Test
    void ourOwnCountNeverSendsARequestBeyondTheDailyLimit() {
        rig = new TikTokRig(server, NOW, 2, 100_000, Duration.ofDays(365));
        server.stubFor(query().withRequestBody(matchingJsonPath("$.cursor", equalTo("0")))
                .willReturn(json(200, page(new long[] {31}, new long[] {at(Duration.ofHours(1))}, 1, true, "S3"))));
        server.stubFor(query().withRequestBody(matchingJsonPath("$.cursor", equalTo("1")))
                .willReturn(json(200, page(new long[] {32}, new long[] {at(Duration.ofHours(2))}, 2, true, "S3"))));
        server.stubFor(query().withRequestBody(matchingJsonPath("$.cursor", equalTo("2")))
                .willReturn(json(200, page(new long[] {33}, new long[] {at(Duration.ofHours(3))}, 3, false, "S3"))));
        Instant mark = NOW.minus(Duration.ofDays(1));

        CaptureResult.Captured captured = (CaptureResult.Captured) fetch(since(mark, 10));

        assertThat(queries()).isEqualTo(2);
        assertThat(captured.batch().posts()).hasSize(2);
        FeedWalk.Gap gap = captured.coverage().walk().gap().orElseThrow();
        assertThat(gap.reason()).isEqualTo(GapReason.ACCOUNT_BUDGET);
        assertThat(gap.from()).isEqualTo(mark);
        assertThat(gap.to()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(rig.quota.view().requests()).isEqualTo(2);
        assertThat(rig.quota.view().exhausted()).isTrue();

        rig.clock.set(Instant.parse("2026-12-01T00:00:30Z"));
        assertThat(rig.quota.view().requests()).isZero();
        assertThat(rig.quota.view().exhausted()).isFalse();
    }

    @Test
    void theRecordQuotaShrinksTheLastRequestsMaxCount() {
        rig = new TikTokRig(server, NOW, 1000, 150, Duration.ofDays(365));
        server.stubFor(query().willReturn(json(200, empty())));

        fetch(since(NOW.minus(Duration.ofHours(1)), 1));
        rig.quota.settle("x", rig.quota.reserve("x", 100).orElseThrow(), 100);
        fetch(since(NOW.minus(Duration.ofHours(1)), 1));

        List<Integer> asked = server.findAll(postRequestedFor(urlPathEqualTo(QUERY))).stream()
                .map(r -> Integer.valueOf(r.getBodyAsString().replaceAll(".*\"max_count\":(\\d+).*", "$1")))
                .toList();
        assertThat(asked).containsExactly(100, 50);
    }

    @Test
    void aTokenIsRenewedBeforeItExpires() {
        tokensAThenB();
        server.stubFor(query().willReturn(json(200, empty())));

        fetch(since(NOW.minus(Duration.ofHours(1)), 1));
        rig.clock.advance(Duration.ofMinutes(100));
        fetch(since(NOW.minus(Duration.ofHours(1)), 1));
        assertThat(tokens()).isEqualTo(1);
        rig.clock.advance(Duration.ofMinutes(16));
        fetch(since(NOW.minus(Duration.ofHours(1)), 1));

        assertThat(tokens()).isEqualTo(2);
        server.verify(2, postRequestedFor(urlPathEqualTo(QUERY)).withHeader("Authorization", equalTo("Bearer clt.A")));
        server.verify(1, postRequestedFor(urlPathEqualTo(QUERY)).withHeader("Authorization", equalTo("Bearer clt.B")));
    }

    @Test
    void a401DropsTheTokenAndTheCallIsMadeOnceMoreWithANewOne() {
        tokensAThenB();
        server.stubFor(query().withHeader("Authorization", equalTo("Bearer clt.A"))
                .willReturn(json(401, error("access_token_invalid"))));
        server.stubFor(query().withHeader("Authorization", equalTo("Bearer clt.B"))
                .willReturn(json(200, page(new long[] {41}, new long[] {at(Duration.ofMinutes(5))}, 1, false, "S4"))));

        CaptureResult result = fetch(since(NOW.minus(Duration.ofHours(1)), 1));

        assertThat(((CaptureResult.Captured) result).batch().posts()).hasSize(1);
        assertThat(tokens()).isEqualTo(2);
    }

    @Test
    void aTokenRefusedEvenWhenFreshIsALoginWallAndTheTargetStaysDue() {
        server.stubFor(query().willReturn(json(401, error("access_token_invalid"))));

        CaptureResult result = fetch(since(NOW.minus(Duration.ofHours(1)), 1));

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Failed.class, f -> {
            assertThat(f.outcome()).isEqualTo("login_wall");
            assertThat(f.reason()).doesNotContain("clt.A").doesNotContain("test-secret");
        });
        assertThat(tokens()).isEqualTo(2);
    }

    @Test
    void a429RateLimitFailsTheCaptureWithoutLosingTheTarget() {
        server.stubFor(
                query().willReturn(json(429, error("rate_limit_exceeded")).withHeader("Retry-After", "60")));

        CaptureResult result = fetch(since(NOW.minus(Duration.ofHours(1)), 1));

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Failed.class, f -> {
            assertThat(f.outcome()).isEqualTo("rate_limited");
            assertThat(f.target()).isEqualTo(VANS);
        });
        assertThat(rig.quota.view().exhausted()).isFalse();
    }

    @Test
    void aServerErrorOnTheFirstPageFailsAndOnALaterPageLeavesAnUpstreamFailureGap() {
        server.stubFor(query().willReturn(json(503, error("internal_error"))));
        assertThat(fetch(since(NOW.minus(Duration.ofHours(1)), 5)))
                .isInstanceOfSatisfying(
                        CaptureResult.Failed.class, f -> assertThat(f.outcome()).isEqualTo("transient"));

        server.resetMappings();
        server.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(token("clt.A")));
        server.stubFor(query().withRequestBody(matchingJsonPath("$.start_date", equalTo("20261101")))
                .willReturn(json(200, page(new long[] {51}, new long[] {at(Duration.ofHours(1))}, 1, false, "S5"))));
        server.stubFor(query().withRequestBody(matchingJsonPath("$.start_date", equalTo("20261015")))
                .willReturn(json(500, error("internal_error"))));
        CaptureResult.Captured captured =
                (CaptureResult.Captured) fetch(since(Instant.parse("2026-10-15T10:00:00Z"), 5));
        assertThat(captured.coverage().walk().gap().orElseThrow().reason()).isEqualTo(GapReason.UPSTREAM_FAILURE);
    }

    @Test
    void aMalformedAnswerIsDeadLetteredVerbatimAndTheTargetStaysDue() {
        server.stubFor(query().willReturn(json(200, "{\"data\":{\"videos\":[{\"id\":1,")));

        CaptureResult result = fetch(since(NOW.minus(Duration.ofHours(1)), 1));

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Failed.class, f -> {
            assertThat(f.outcome()).isEqualTo("malformed");
            assertThat(f.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.platform()).isEqualTo(Platform.TIKTOK);
                assertThat(letter.raw().asText()).isEqualTo("{\"data\":{\"videos\":[{\"id\":1,");
            });
        });
    }

    @Test
    void backfillReadsOlderWindowsWithinTheLookbackAndRecordsTheRestAsAnApiWindowGap() {
        server.stubFor(query().willReturn(json(200, empty())));
        Instant start = NOW.minus(Duration.ofDays(400));
        CoverageOrder order = new CoverageOrder(null, 5, Duration.ZERO, new Backfill(start, null, null, false, 0), 3);

        CaptureResult.Captured captured = (CaptureResult.Captured) fetch(order);

        FeedWalk.Gap window = captured.coverage().windowGap();
        assertThat(window.reason()).isEqualTo(GapReason.API_WINDOW);
        assertThat(window.from()).isEqualTo(start);
        assertThat(window.to()).isEqualTo(Instant.parse("2025-11-30T00:00:00Z"));
        Backfill state = captured.coverage().backfill();
        assertThat(state.done()).isFalse();
        assertThat(state.pages()).isEqualTo(3);
        assertThat(state.reached()).isEqualTo(Instant.parse("2026-08-31T00:00:00Z"));
        assertThat(state.cursor()).isEqualTo("2026-08-01:2026-08-30");
        List<String> spans = server.findAll(postRequestedFor(urlPathEqualTo(QUERY))).stream()
                .map(r -> r.getBodyAsString()
                        .replaceAll(".*\"start_date\":\"(\\d+)\",\"end_date\":\"(\\d+)\".*", "$1-$2"))
                .toList();
        assertThat(spans)
                .containsExactly("20261129-20261130", "20261030-20261128", "20260930-20261029", "20260831-20260929");

        CaptureResult.Captured next = (CaptureResult.Captured)
                fetch(new CoverageOrder(captured.coverage().walk().mark(), 5, Duration.ZERO, state, 100));
        assertThat(next.coverage().backfill().done()).isTrue();
        assertThat(next.coverage().backfill().reached()).isEqualTo(Instant.parse("2025-11-30T00:00:00Z"));
        assertThat(next.coverage().windowGap()).isNull();
    }
}
