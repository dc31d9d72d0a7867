package io.onestore.ingestor.source.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.source.FetchOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** The X client against WireMock serving X's real answer shapes: paging, since_id, header budgets, 429, 402, caps. */
class XClientTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Account TOKEN = new Account("x-1", "AAAAbearer-s3cr3t", null);
    static WireMockServer upstream;
    XClient client;

    @BeforeAll
    static void start() {
        upstream = new WireMockServer(options().dynamicPort());
        upstream.start();
    }

    @AfterAll
    static void stop() {
        upstream.stop();
    }

    @BeforeEach
    void reset() {
        upstream.resetAll();
        client = XClient.create(
                XTestSettings.of(upstream.baseUrl(), 5, XTestSettings.generous()),
                WebClient.builder(),
                new SimpleMeterRegistry(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void searchSendsTheQuerySinceIdAndCursorAndReadsThePageAndItsBudget() {
        upstream.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
                .willReturn(okJson(Fixtures.x("search-nike-page2.json"))
                        .withHeader("x-rate-limit-limit", "450")
                        .withHeader("x-rate-limit-remaining", "449")
                        .withHeader("x-rate-limit-reset", String.valueOf(NOW.getEpochSecond() + 900))));

        FetchOutcome<XAnswer<XSearchPage>> outcome = client.searchRecent(
                        "#nike -is:retweet", "1863291000000000000", "b26v89c19zqg8o3f", 100, TOKEN)
                .block();

        assertThat(outcome).isInstanceOf(FetchOutcome.Ok.class);
        XAnswer<XSearchPage> answer = ((FetchOutcome.Ok<XAnswer<XSearchPage>>) outcome).value();
        assertThat(answer.body().tweets()).hasSize(2);
        assertThat(answer.body().users()).containsOnlyKeys("77001234", "98123001");
        assertThat(answer.body().nextToken()).isNull();
        assertThat(answer.body().resultCount()).isEqualTo(2);
        assertThat(answer.rateLimit()).isEqualTo(new XRateLimit(450, 449, NOW.plusSeconds(900)));
        upstream.verify(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))
                .withQueryParam("query", equalTo("#nike -is:retweet"))
                .withQueryParam("since_id", equalTo("1863291000000000000"))
                .withQueryParam("next_token", equalTo("b26v89c19zqg8o3f"))
                .withQueryParam("max_results", equalTo("100"))
                .withQueryParam("expansions", equalTo("author_id"))
                .withQueryParam("tweet.fields", equalTo(XClient.TWEET_FIELDS))
                .withQueryParam("user.fields", equalTo(XClient.USER_FIELDS))
                .withHeader("Authorization", equalTo("Bearer AAAAbearer-s3cr3t")));
    }

    @Test
    void aSpentWindowShowsInTheHeaders() {
        upstream.stubFor(get(urlPathEqualTo("/2/tweets/counts/recent"))
                .willReturn(okJson(Fixtures.x("counts-nike.json"))
                        .withHeader("x-rate-limit-limit", "300")
                        .withHeader("x-rate-limit-remaining", "0")
                        .withHeader("x-rate-limit-reset", String.valueOf(NOW.getEpochSecond() + 60))));

        var outcome = client.countsRecent("#nike -is:retweet", null, TOKEN).block();

        var answer = ((FetchOutcome.Ok<XAnswer<XCounts>>) outcome).value();
        assertThat(answer.body().total()).isEqualTo(1007);
        assertThat(answer.rateLimit().spent()).isTrue();
        upstream.verify(getRequestedFor(urlPathEqualTo("/2/tweets/counts/recent"))
                .withQueryParam("granularity", equalTo("hour")));
    }

    @Test
    void countsPageWithNextTokenAndReadEveryHourlyBucket() {
        upstream.stubFor(get(urlPathEqualTo("/2/tweets/counts/recent"))
                .withQueryParam("next_token", absent())
                .willReturn(okJson(Fixtures.x("counts-nike-hourly-page1.json"))));
        upstream.stubFor(get(urlPathEqualTo("/2/tweets/counts/recent"))
                .withQueryParam("next_token", equalTo("1jzu9lk96gu5npxdc1rahrwsbpvi"))
                .willReturn(okJson(Fixtures.x("counts-nike-hourly-page2.json"))));

        XCounts first = ((FetchOutcome.Ok<XAnswer<XCounts>>)
                        client.countsRecent("#nike -is:retweet", null, TOKEN).block())
                .value()
                .body();
        XCounts second = ((FetchOutcome.Ok<XAnswer<XCounts>>)
                        client.countsRecent("#nike -is:retweet", first.nextToken(), TOKEN)
                                .block())
                .value()
                .body();

        assertThat(first.whole()).isFalse();
        assertThat(first.buckets().get(0))
                .as("the window's first bucket starts 7 days before the request, not on the hour")
                .isEqualTo(new XCounts.Bucket(
                        Instant.parse("2026-11-23T11:47:12Z"), Instant.parse("2026-11-23T12:00:00Z"), 3));
        XCounts both = first.then(second);
        assertThat(both.whole()).isTrue();
        assertThat(both.total()).isEqualTo(68);
        assertThat(both.buckets()).hasSize(6);
        assertThat(both.buckets().get(5))
                .as("the open hour ends where X counted to")
                .isEqualTo(new XCounts.Bucket(
                        Instant.parse("2026-11-30T11:00:00Z"), Instant.parse("2026-11-30T11:47:12Z"), 12));
        upstream.verify(
                2,
                getRequestedFor(urlPathEqualTo("/2/tweets/counts/recent"))
                        .withQueryParam("query", equalTo("#nike -is:retweet"))
                        .withQueryParam("granularity", equalTo("hour")));
    }

    @Test
    void aCountsBucketWithoutItsCountIsMalformed() {
        upstream.stubFor(get(urlPathEqualTo("/2/tweets/counts/recent"))
                .willReturn(okJson("{\"data\": [{\"start\": \"2026-11-30T10:00:00.000Z\", "
                        + "\"end\": \"2026-11-30T11:00:00.000Z\"}], \"meta\": {\"total_tweet_count\": 0}}")));

        assertThat(client.countsRecent("#nike", null, TOKEN).block()).isInstanceOf(FetchOutcome.Malformed.class);
    }

    @Test
    void a429RestsUntilTheReset() {
        upstream.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-rate-limit-limit", "450")
                        .withHeader("x-rate-limit-remaining", "0")
                        .withHeader("x-rate-limit-reset", String.valueOf(NOW.getEpochSecond() + 420))
                        .withBody(Fixtures.x("error-too-many-requests.json"))));

        var outcome = client.searchRecent("#nike", null, null, 100, TOKEN).block();

        assertThat(outcome).isInstanceOf(FetchOutcome.RateLimited.class);
        assertThat(((FetchOutcome.RateLimited<?>) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(421));
        upstream.verify(1, getRequestedFor(urlPathEqualTo("/2/tweets/search/recent")));
    }

    @Test
    void spentCreditsAndTheUsageCapAreOutOfCreditNotARateLimit() {
        upstream.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
                .willReturn(aResponse()
                        .withStatus(402)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody(Fixtures.x("error-credits-depleted.json"))));
        upstream.stubFor(get(urlPathEqualTo("/2/tweets/counts/recent"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.x("error-usage-capped.json"))));

        var credits = client.searchRecent("#nike", null, null, 100, TOKEN).block();
        var capped = client.countsRecent("#nike", null, TOKEN).block();

        assertThat(credits).isInstanceOf(FetchOutcome.OutOfCredit.class);
        assertThat(credits.label()).isEqualTo("out_of_credit");
        assertThat(capped).isInstanceOf(FetchOutcome.OutOfCredit.class);
        assertThat(capped.reason()).contains("usage cap");
    }

    @Test
    void aRefusedTokenIsAWallAndAnUnknownUserIsRejected() {
        upstream.stubFor(get(urlPathEqualTo("/2/users/by/username/nike"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.x("error-unauthorized.json"))));
        upstream.stubFor(get(urlPathEqualTo("/2/users/by/username/nobody_at_all"))
                .willReturn(okJson(Fixtures.x("user-unknown.json"))));

        var walled = client.userByUsername("nike", TOKEN).block();
        var unknown = client.userByUsername("nobody_at_all", TOKEN).block();

        assertThat(walled).isInstanceOf(FetchOutcome.LoginWall.class);
        assertThat(walled.reason()).doesNotContain("s3cr3t");
        assertThat(unknown).isInstanceOf(FetchOutcome.Rejected.class);
        assertThat(unknown.reason()).contains("Not Found Error");
    }

    @Test
    void a5xxIsRetriedAndMalformedJsonIsKeptVerbatim() {
        upstream.stubFor(get(urlPathEqualTo("/2/users/by/username/nike"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        upstream.stubFor(get(urlPathEqualTo("/2/users/by/username/nike"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(okJson(Fixtures.x("user-nike.json"))));
        upstream.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
                .willReturn(okJson("{\"data\": [{\"id\": \"1\"}], \"meta\": ")));

        var user = client.userByUsername("nike", TOKEN).block();
        var broken = client.searchRecent("#nike", null, null, 10, TOKEN).block();

        assertThat(user).isInstanceOf(FetchOutcome.Ok.class);
        assertThat(((FetchOutcome.Ok<XAnswer<XUser>>) user)
                        .value()
                        .body()
                        .user()
                        .path("id")
                        .asText())
                .isEqualTo("415859364");
        upstream.verify(2, getRequestedFor(urlPathEqualTo("/2/users/by/username/nike")));
        assertThat(broken).isInstanceOf(FetchOutcome.Malformed.class);
        assertThat(((FetchOutcome.Malformed<?>) broken).rawBody()).startsWith("{\"data\"");
    }
}
