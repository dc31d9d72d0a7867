package io.onestore.ingestor.capture.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.account.AccountState;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.targets.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every failure signal of design.md §3 against the web adapter, each showing what the pool did with the account and
 * that the target still came back (through another account when one was left).
 */
class WebFetchFailuresTest {

    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String TAG_PATH = "/api/v1/tags/web_info/";
    static final Account ALICE = new Account("alice", "tok-alice-s3cr3t", null);
    static final Account BOB = new Account("bob", "tok-bob-s3cr3t", null);

    FetcherRig rig;

    @BeforeEach
    void rig() {
        rig = new FetcherRig(SourceSettings.Mode.WEB, upstream.baseUrl(), List.of(ALICE, BOB));
    }

    static MappingBuilder tagCallBy(Account account) {
        return get(urlPathEqualTo(TAG_PATH))
                .withQueryParam("tag_name", equalTo("nike"))
                .withHeader("Cookie", containing("sessionid=" + account.token()));
    }

    void bobAnswers() {
        upstream.stubFor(tagCallBy(BOB).willReturn(okJson(Fixtures.text("web/tag-nike.json"))));
    }

    CaptureResult fetchNike() {
        return rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block(Duration.ofSeconds(10));
    }

    void assertFetchedThroughBob(CaptureResult result) {
        assertThat(result).isInstanceOf(CaptureResult.Captured.class);
        assertThat(((CaptureResult.Captured) result).batch().posts()).hasSize(5);
        upstream.verify(1, getRequestedFor(urlPathEqualTo(TAG_PATH)).withHeader("Cookie", containing(ALICE.token())));
        upstream.verify(1, getRequestedFor(urlPathEqualTo(TAG_PATH)).withHeader("Cookie", containing(BOB.token())));
        assertThat(rig.state("bob")).isEqualTo(AccountState.AVAILABLE);
    }

    @Test
    void sendsTheAppIdHeaderAndTheSessionCookie() {
        upstream.stubFor(get(urlPathEqualTo(TAG_PATH))
                .withHeader("x-ig-app-id", equalTo("936619743392459"))
                .willReturn(okJson(Fixtures.text("web/tag-nike.json"))));

        CaptureResult result = fetchNike();

        assertThat(result).isInstanceOf(CaptureResult.Captured.class);
        upstream.verify(
                1,
                getRequestedFor(urlPathEqualTo(TAG_PATH)).withHeader("Cookie", equalTo("sessionid=" + ALICE.token())));
        assertThat(rig.requests("ok")).isEqualTo(1.0);
    }

    @Test
    void rateLimitedWithRetryAfterCoolsTheAccountDownAndAnotherFetchesTheTarget() {
        upstream.stubFor(tagCallBy(ALICE).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        bobAnswers();

        CaptureResult result = fetchNike();

        assertFetchedThroughBob(result);
        assertThat(rig.state("alice")).isEqualTo(AccountState.COOLING_DOWN);
        assertThat(rig.account("alice").coolingUntil()).isEqualTo(FetcherRig.START.plusSeconds(120));
        assertThat(rig.requests("rate_limited")).isEqualTo(1.0);
        rig.clock.advance(Duration.ofSeconds(121));
        assertThat(rig.state("alice")).isEqualTo(AccountState.AVAILABLE);
    }

    @Test
    void pleaseWaitCoolsTheAccountDownForTheConfiguredPause() {
        upstream.stubFor(
                tagCallBy(ALICE)
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\":\"Please wait a few minutes before you try again.\",\"require_login\":true,\"status\":\"fail\"}")));
        bobAnswers();

        assertFetchedThroughBob(fetchNike());
        assertThat(rig.state("alice")).isEqualTo(AccountState.COOLING_DOWN);
        assertThat(rig.account("alice").coolingUntil()).isEqualTo(FetcherRig.START.plus(Duration.ofMinutes(10)));
    }

    @Test
    void redirectToTheLoginPageTakesTheAccountOutOfRotation() {
        upstream.stubFor(tagCallBy(ALICE)
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader(
                                "Location", "https://www.instagram.com/accounts/login/?next=/api/v1/tags/web_info/")));
        bobAnswers();

        assertFetchedThroughBob(fetchNike());
        assertThat(rig.state("alice")).isEqualTo(AccountState.OUT_OF_ROTATION);
        assertThat(rig.account("alice").outOfRotationReason()).contains("login page");
        // Out of rotation stays out: time does not bring a walled account back.
        rig.clock.advance(Duration.ofDays(1));
        assertThat(rig.state("alice")).isEqualTo(AccountState.OUT_OF_ROTATION);
    }

    @Test
    void htmlInsteadOfJsonTakesTheAccountOutOfRotation() {
        upstream.stubFor(
                tagCallBy(ALICE)
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "text/html; charset=utf-8")
                                        .withBody(
                                                "<!DOCTYPE html><html lang=\"en\"><head><title>Login • Instagram</title></head></html>")));
        bobAnswers();

        assertFetchedThroughBob(fetchNike());
        assertThat(rig.state("alice")).isEqualTo(AccountState.OUT_OF_ROTATION);
        assertThat(rig.account("alice").outOfRotationReason()).contains("HTML");
    }

    @Test
    void checkpointRequiredTakesTheAccountOutOfRotation() {
        upstream.stubFor(
                tagCallBy(ALICE)
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\":\"checkpoint_required\",\"checkpoint_url\":\"/challenge/123/abc/\",\"lock\":false,\"status\":\"fail\"}")));
        bobAnswers();

        assertFetchedThroughBob(fetchNike());
        assertThat(rig.account("alice").outOfRotationReason()).startsWith("checkpoint_required");
    }

    @Test
    void challengeRequiredTakesTheAccountOutOfRotation() {
        upstream.stubFor(tagCallBy(ALICE)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"challenge_required\",\"status\":\"fail\"}")));
        bobAnswers();

        assertFetchedThroughBob(fetchNike());
        assertThat(rig.state("alice")).isEqualTo(AccountState.OUT_OF_ROTATION);
    }

    @Test
    void whenEveryAccountIsRateLimitedTheTargetFailsWithAStableLabel() {
        upstream.stubFor(get(urlPathEqualTo(TAG_PATH)).willReturn(aResponse().withStatus(429)));

        CaptureResult result = fetchNike();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo("rate_limited");
            assertThat(failed.target()).isEqualTo(Target.hashtag("nike"));
            assertThat(failed.reason()).contains("2 tried");
        });
        assertThat(rig.state("alice")).isEqualTo(AccountState.COOLING_DOWN);
        assertThat(rig.state("bob")).isEqualTo(AccountState.COOLING_DOWN);
        // Without Retry-After the configured default applies.
        assertThat(rig.account("bob").coolingUntil()).isEqualTo(FetcherRig.START.plus(Duration.ofMinutes(15)));
    }

    @Test
    void serverErrorIsRetriedWithBackoffOnTheSameAccountUntilItSucceeds() {
        upstream.stubFor(get(urlPathEqualTo(TAG_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        upstream.stubFor(get(urlPathEqualTo(TAG_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson(Fixtures.text("web/tag-nike.json"))));

        CaptureResult result = fetchNike();

        assertThat(result).isInstanceOf(CaptureResult.Captured.class);
        upstream.verify(2, getRequestedFor(urlPathEqualTo(TAG_PATH)).withHeader("Cookie", containing(ALICE.token())));
        upstream.verify(0, getRequestedFor(urlPathEqualTo(TAG_PATH)).withHeader("Cookie", containing(BOB.token())));
        assertThat(rig.state("alice")).isEqualTo(AccountState.AVAILABLE);
        assertThat(rig.requests("transient")).isEqualTo(1.0);
    }

    @Test
    void persistentServerErrorsFailTheTargetAsTransientWithoutBurningOtherAccounts() {
        upstream.stubFor(get(urlPathEqualTo(TAG_PATH)).willReturn(aResponse().withStatus(502)));

        CaptureResult result = fetchNike();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Failed.class, failed -> assertThat(failed.outcome())
                .isEqualTo("transient"));
        upstream.verify(3, getRequestedFor(urlPathEqualTo(TAG_PATH)));
        assertThat(rig.state("alice")).isEqualTo(AccountState.AVAILABLE);
        assertThat(rig.state("bob")).isEqualTo(AccountState.AVAILABLE);
    }

    @Test
    void aTimeoutIsTransientAndRetried() {
        rig = new FetcherRig(
                SourceSettings.Mode.WEB, upstream.baseUrl(), List.of(ALICE, BOB), 2, 30, Duration.ofSeconds(2));
        upstream.stubFor(get(urlPathEqualTo(TAG_PATH))
                .inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(Fixtures.text("web/tag-nike.json")).withFixedDelay(6_000))
                .willSetStateTo("fast"));
        upstream.stubFor(get(urlPathEqualTo(TAG_PATH))
                .inScenario("slow")
                .whenScenarioStateIs("fast")
                .willReturn(okJson(Fixtures.text("web/tag-nike.json"))));

        CaptureResult result = fetchNike();

        assertThat(result).isInstanceOf(CaptureResult.Captured.class);
        assertThat(rig.meters
                        .find("onestore.source.requests")
                        .tag("outcome", "transient")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(rig.state("alice")).isEqualTo(AccountState.AVAILABLE);
    }

    @Test
    void malformedJsonBecomesADeadLetterWithTheRawBody() {
        String truncated = "{\"data\":{\"name\":\"nike\",\"media_count\":112473562,\"top\":{\"sections\":[{\"layout_";
        upstream.stubFor(get(urlPathEqualTo(TAG_PATH)).willReturn(okJson(truncated)));

        CaptureResult result = fetchNike();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo("malformed");
            assertThat(failed.deadLetters()).singleElement().satisfies(dead -> {
                assertThat(dead.stage()).isEqualTo("parse");
                assertThat(dead.raw().isTextual()).isTrue();
                assertThat(dead.raw().asText()).isEqualTo(truncated);
                assertThat(dead.documentId()).isEqualTo("hashtag:nike");
                assertThat(dead.source()).isEqualTo("instagram-web");
            });
        });
        assertThat(rig.state("alice")).isEqualTo(AccountState.AVAILABLE);
    }

    @Test
    void jsonOfAnUnexpectedShapeIsADeadLetterKeptAsJson() {
        upstream.stubFor(get(urlPathEqualTo(TAG_PATH)).willReturn(okJson("{\"graphql\":{\"hashtag\":{}}}")));

        CaptureResult result = fetchNike();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo("malformed");
            assertThat(failed.deadLetters().get(0).raw().path("graphql").isObject())
                    .isTrue();
        });
    }

    @Test
    void anUnknownProfileIsRejectedWithoutTouchingTheAccount() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/users/web_profile_info/"))
                .willReturn(aResponse().withStatus(404).withBody("{\"status\":\"fail\"}")));

        CaptureResult result = rig.fetcher
                .fetch(Target.profile("no.such.user"), FetcherRig.START)
                .block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Failed.class, failed -> assertThat(failed.outcome())
                .isEqualTo("rejected"));
        assertThat(rig.state("alice")).isEqualTo(AccountState.AVAILABLE);
    }

    @Test
    void profileThroughTheWebEndpoint() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/users/web_profile_info/"))
                .withQueryParam("username", equalTo("nike"))
                .withHeader("x-ig-app-id", equalTo("936619743392459"))
                .willReturn(okJson(Fixtures.text("web/profile-nike.json"))));

        CaptureResult result =
                rig.fetcher.fetch(Target.profile("nike"), FetcherRig.START).block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> {
            assertThat(captured.batch().profileSnapshot().followers()).isEqualTo(301234567L);
            assertThat(captured.batch().posts()).hasSize(1);
        });
    }
}
