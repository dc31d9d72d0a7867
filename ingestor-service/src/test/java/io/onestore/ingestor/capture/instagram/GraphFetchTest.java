package io.onestore.ingestor.capture.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.account.AccountState;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.GapReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Graph adapter against a mock Graph API under a versioned base path, as the real one is. */
class GraphFetchTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String V = "/v21.0";
    static final String NIKE_ID = "17843826142012701";
    static final Account ALICE = new Account("alice", "EAAalice-secret-token", "17841400000000001");
    static final Account BOB = new Account("bob", "EAAbob-secret-token", "17841400000000002");

    FetcherRig rig(int maxPages, int hashtagQuota) {
        graph.stubFor(get(urlPathMatching(V + "/\\d+/recently_searched_hashtags"))
                .atPriority(10)
                .willReturn(okJson("{\"data\":[]}")));
        return new FetcherRig(
                SourceSettings.Mode.GRAPH,
                graph.baseUrl() + V,
                List.of(ALICE, BOB),
                maxPages,
                hashtagQuota,
                Duration.ofSeconds(10));
    }

    static void stubNike() {
        graph.stubFor(get(urlPathEqualTo(V + "/ig_hashtag_search"))
                .withQueryParam("q", equalTo("nike"))
                .willReturn(okJson(Fixtures.text("graph/hashtag-search-nike.json"))));
        graph.stubFor(get(urlPathEqualTo(V + "/" + NIKE_ID + "/recent_media"))
                .withQueryParam("after", absent())
                .willReturn(okJson(Fixtures.text("graph/recent-media-page1.json"))));
        graph.stubFor(get(urlPathEqualTo(V + "/" + NIKE_ID + "/recent_media"))
                .withQueryParam("after", equalTo("QVFIUmVjZW50UGFnZTI="))
                .willReturn(okJson(Fixtures.text("graph/recent-media-page2.json"))));
        graph.stubFor(get(urlPathEqualTo(V + "/" + NIKE_ID + "/top_media"))
                .willReturn(okJson(Fixtures.text("graph/top-media.json"))));
    }

    static CaptureResult fetch(FetcherRig rig, String tag) {
        return rig.fetcher.fetch(Target.hashtag(tag), FetcherRig.START).block(Duration.ofSeconds(10));
    }

    @Test
    void searchesTheHashtagOnceThenReadsRecentAndTopMediaWithTheAccessToken() {
        FetcherRig rig = rig(3, 30);
        stubNike();

        // Walks to a mark older than every post: both recent_media pages, each capture.
        CaptureResult first = rig.fetcher
                .fetch(Target.hashtag("nike"), FetcherRig.START, LegacyFetchTest.walkToAnOldMark(3))
                .block(Duration.ofSeconds(10));
        CaptureResult second = rig.fetcher
                .fetch(Target.hashtag("nike"), FetcherRig.START, LegacyFetchTest.walkToAnOldMark(3))
                .block(Duration.ofSeconds(10));

        assertThat(first).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> {
            assertThat(captured.batch().posts()).hasSize(6).allSatisfy(p -> assertThat(p.author())
                    .isNull());
            assertThat(captured.batch().tagSnapshot().mediaCount()).isNull();
        });
        assertThat(second).isInstanceOf(CaptureResult.Captured.class);
        graph.verify(1, getRequestedFor(urlPathEqualTo(V + "/ig_hashtag_search")));
        graph.verify(getRequestedFor(urlPathEqualTo(V + "/ig_hashtag_search"))
                .withQueryParam("user_id", equalTo(ALICE.igUserId()))
                .withQueryParam("access_token", equalTo(ALICE.token())));
        graph.verify(4, getRequestedFor(urlPathEqualTo(V + "/" + NIKE_ID + "/recent_media")));
        graph.verify(getRequestedFor(urlPathEqualTo(V + "/" + NIKE_ID + "/recent_media"))
                .withQueryParam(
                        "fields", equalTo("id,caption,comments_count,like_count,media_type,permalink,timestamp")));
    }

    @Test
    void recentMediaPagesAreBoundedByThePageBudgetAndTheRestIsAGap() {
        FetcherRig rig = rig(3, 30);
        stubNike();

        CaptureResult result = rig.fetcher
                .fetch(Target.hashtag("nike"), FetcherRig.START, LegacyFetchTest.walkToAnOldMark(1))
                .block(Duration.ofSeconds(10));

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> {
            assertThat(captured.batch().posts()).hasSize(4);
            assertThat(captured.coverage().walk().gap())
                    .hasValueSatisfying(gap -> assertThat(gap.reason()).isEqualTo(GapReason.PAGE_BUDGET));
        });
        graph.verify(1, getRequestedFor(urlPathEqualTo(V + "/" + NIKE_ID + "/recent_media")));
        graph.verify(
                0,
                getRequestedFor(urlPathEqualTo(V + "/" + NIKE_ID + "/recent_media"))
                        .withQueryParam("after", equalTo("QVFIUmVjZW50UGFnZTI=")));
    }

    @ParameterizedTest(name = "HTTP {0} with error code {1}")
    @CsvSource({"400, 4", "403, 17", "400, 32", "400, 613", "400, 80002"})
    void graphThrottlingCoolsTheAccountDownAndAnotherAccountFetches(int status, int code) {
        FetcherRig rig = rig(3, 30);
        stubNike();
        graph.stubFor(get(urlPathEqualTo(V + "/ig_hashtag_search"))
                .withQueryParam("access_token", equalTo(ALICE.token()))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-App-Usage", "{\"call_count\":100,\"total_cputime\":12,\"total_time\":20}")
                        .withBody("{\"error\":{\"message\":\"(#" + code + ") request limit reached\","
                                + "\"type\":\"OAuthException\",\"is_transient\":true,\"code\":" + code
                                + ",\"fbtrace_id\":\"AbC\"}}")));

        CaptureResult result = fetch(rig, "nike");

        assertThat(result).isInstanceOf(CaptureResult.Captured.class);
        assertThat(rig.state("alice")).isEqualTo(AccountState.COOLING_DOWN);
        assertThat(rig.state("bob")).isEqualTo(AccountState.AVAILABLE);
        graph.verify(getRequestedFor(urlPathEqualTo(V + "/" + NIKE_ID + "/recent_media"))
                .withQueryParam("user_id", equalTo(BOB.igUserId())));
        assertThat(rig.requests("rate_limited")).isEqualTo(1.0);
    }

    @Test
    void businessUseCaseUsageTellsHowLongTheAccountRests() {
        FetcherRig rig = rig(3, 30);
        stubNike();
        graph.stubFor(get(urlPathEqualTo(V + "/ig_hashtag_search"))
                .withQueryParam("access_token", equalTo(ALICE.token()))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withHeader(
                                "X-Business-Use-Case-Usage",
                                "{\"17841400000000001\":[{\"type\":\"instagram\",\"call_count\":100,"
                                        + "\"total_cputime\":3,\"total_time\":4,\"estimated_time_to_regain_access\":12}]}")
                        .withBody("{\"error\":{\"message\":\"limit\",\"code\":80002}}")));

        fetch(rig, "nike");

        assertThat(rig.account("alice").coolingUntil()).isEqualTo(FetcherRig.START.plus(Duration.ofMinutes(12)));
    }

    @Test
    void anInvalidTokenTakesTheAccountOutOfRotation() {
        FetcherRig rig = rig(3, 30);
        stubNike();
        graph.stubFor(get(urlPathEqualTo(V + "/ig_hashtag_search"))
                .withQueryParam("access_token", equalTo(ALICE.token()))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Error validating access token\","
                                + "\"type\":\"OAuthException\",\"code\":190,\"error_subcode\":463}}")));

        assertThat(fetch(rig, "nike")).isInstanceOf(CaptureResult.Captured.class);
        assertThat(rig.state("alice")).isEqualTo(AccountState.OUT_OF_ROTATION);
        assertThat(rig.account("alice").outOfRotationReason()).contains("190");
    }

    @Test
    void theThirtyHashtagQuotaIsNeverExceededAndHashtagsStayWithTheirAccount() {
        graph.stubFor(get(urlPathEqualTo(V + "/" + ALICE.igUserId() + "/recently_searched_hashtags"))
                .willReturn(okJson(Fixtures.text("graph/recently-searched.json"))));
        FetcherRig rig = rig(1, 2);
        List<String> tags = List.of("nike", "adidas", "puma", "reebok", "fila");
        for (int i = 0; i < tags.size(); i++) {
            graph.stubFor(get(urlPathEqualTo(V + "/ig_hashtag_search"))
                    .withQueryParam("q", equalTo(tags.get(i)))
                    .willReturn(okJson("{\"data\":[{\"id\":\"1784300000000000" + i + "\"}]}")));
        }
        graph.stubFor(get(urlPathMatching(V + "/\\d+/(recent|top)_media"))
                .willReturn(okJson(Fixtures.text("graph/recent-media-page2.json"))));

        // alice already spent her two slots on nike and adidas (recently_searched_hashtags).
        assertThat(fetch(rig, "puma")).isInstanceOf(CaptureResult.Captured.class);
        assertThat(fetch(rig, "nike")).isInstanceOf(CaptureResult.Captured.class);
        assertThat(fetch(rig, "reebok")).isInstanceOf(CaptureResult.Captured.class);
        assertThat(fetch(rig, "adidas")).isInstanceOf(CaptureResult.Captured.class);
        CaptureResult fila = fetch(rig, "fila");
        assertThat(fetch(rig, "puma")).isInstanceOf(CaptureResult.Captured.class);

        assertThat(fila).isInstanceOfSatisfying(CaptureResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo("no_account");
            assertThat(failed.reason()).contains("without hashtag quota");
        });
        graph.verify(
                0, getRequestedFor(urlPathEqualTo(V + "/ig_hashtag_search")).withQueryParam("q", equalTo("fila")));
        Map<String, Set<String>> hashtagsByUser =
                graph.findAll(getRequestedFor(urlPathMatching(V + "/\\d+/recent_media"))).stream()
                        .collect(Collectors.groupingBy(
                                (LoggedRequest r) -> r.queryParameter("user_id").firstValue(),
                                Collectors.mapping(r -> r.getUrl().split("/")[2], Collectors.toSet())));
        assertThat(hashtagsByUser.get(ALICE.igUserId()))
                .containsExactlyInAnyOrder("17843000000000000", "17843000000000001");
        assertThat(hashtagsByUser.get(BOB.igUserId()))
                .containsExactlyInAnyOrder("17843000000000002", "17843000000000003");
        assertThat(rig.pool.view())
                .allSatisfy(v -> assertThat(v.hashtagsInWindow()).isLessThanOrEqualTo(2));
    }

    @Test
    void profilesComeFromBusinessDiscovery() {
        FetcherRig rig = rig(3, 30);
        graph.stubFor(get(urlPathEqualTo(V + "/" + ALICE.igUserId()))
                .withQueryParam(
                        "fields",
                        equalTo("business_discovery.username(nike){id,username,name,followers_count,"
                                + "follows_count,media_count,media.limit(25){id,caption,comments_count,like_count,media_type,"
                                + "permalink,timestamp}}"))
                .willReturn(okJson(Fixtures.text("graph/business-discovery-nike.json"))));

        CaptureResult result =
                rig.fetcher.fetch(Target.profile("nike"), FetcherRig.START).block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> {
            assertThat(captured.batch().profileSnapshot().followers()).isEqualTo(301234567L);
            assertThat(captured.batch().posts()).hasSize(2);
        });
        assertThat(rig.account("alice").hashtagsInWindow()).isZero();
    }
}
