package io.onestore.ingestor.source.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.config.BlueskySettings;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.model.json.ContractJson;
import io.onestore.testsupport.time.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** The AppView client over WireMock with real-shaped XRPC answers: profiles, handles, limits, refusals and junk. */
class AppViewClientTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final WireMockServer server = started();
    static final String PROFILE = "/xrpc/app.bsky.actor.getProfile";
    static final String PROFILES = "/xrpc/app.bsky.actor.getProfiles";
    static final String RESOLVE = "/xrpc/com.atproto.identity.resolveHandle";

    final TestClock clock = new TestClock(NOW);
    AppViewClient client = client(2500);

    AppViewClient client(int requestsPerWindow) {
        var settings = new BlueskySettings.AppView(
                URI.create(server.baseUrl()),
                requestsPerWindow,
                Duration.ofMinutes(5),
                Duration.ofSeconds(20),
                Duration.ofHours(1));
        return new AppViewClient(
                WebClient.builder().baseUrl(server.baseUrl()).build(),
                ContractJson.mapper(),
                settings,
                clock,
                new SimpleMeterRegistry());
    }

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
    }

    static <T> T block(reactor.core.publisher.Mono<T> mono) {
        return mono.block(Duration.ofSeconds(30));
    }

    @Test
    void aProfileIsReadByHandleWithItsCounts() {
        server.stubFor(get(urlPathEqualTo(PROFILE))
                .withQueryParam("actor", equalTo("bsky.app"))
                .willReturn(aResponse()
                        .withHeader("content-type", "application/json; charset=utf-8")
                        .withHeader("ratelimit-limit", "3000")
                        .withHeader("ratelimit-remaining", "2999")
                        .withHeader("ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 300))
                        .withHeader("ratelimit-policy", "3000;w=300")
                        .withBody(Fixtures.read("bluesky/appview-get-profile.json"))));

        FetchOutcome<JsonNode> outcome = block(client.profile("bsky.app"));

        assertThat(outcome).isInstanceOf(FetchOutcome.Ok.class);
        JsonNode profile = ((FetchOutcome.Ok<JsonNode>) outcome).value();
        assertThat(profile.path("did").asText()).isEqualTo("did:plc:z72i7hdynmk6r22z27h6tvur");
        assertThat(profile.path("followersCount").asLong()).isEqualTo(32_914_521L);
    }

    @Test
    void getProfilesSendsEveryActorAndReturnsTheKnownOnes() {
        server.stubFor(get(urlPathEqualTo(PROFILES))
                .willReturn(aResponse()
                        .withHeader("content-type", "application/json")
                        .withBody(Fixtures.read("bluesky/appview-get-profiles.json"))));

        var outcome = block(client.profiles(List.of(
                "did:plc:eygmaihciaxprqvxpfvl6flk",
                "did:plc:gone0000000000000000000",
                "did:plc:ragtjsm2j2vknwkz3zp4oxrd")));

        assertThat(outcome).isInstanceOf(FetchOutcome.Ok.class);
        List<JsonNode> profiles = ((FetchOutcome.Ok<List<JsonNode>>) outcome).value();
        assertThat(profiles)
                .extracting(p -> p.path("did").asText())
                .containsExactly("did:plc:eygmaihciaxprqvxpfvl6flk", "did:plc:ragtjsm2j2vknwkz3zp4oxrd");
        server.verify(getRequestedFor(urlPathEqualTo(PROFILES))
                .withQueryParam("actors", equalTo("did:plc:gone0000000000000000000")));
    }

    @Test
    void aHandleResolvesToItsDid() {
        server.stubFor(get(urlPathEqualTo(RESOLVE))
                .withQueryParam("handle", equalTo("bsky.app"))
                .willReturn(aResponse()
                        .withHeader("content-type", "application/json")
                        .withBody("{\"did\":\"did:plc:z72i7hdynmk6r22z27h6tvur\"}")));

        assertThat(block(client.resolveHandle("bsky.app")))
                .isEqualTo(FetchOutcome.ok("did:plc:z72i7hdynmk6r22z27h6tvur"));
    }

    @Test
    void profileNotFoundIsRejectedWithTheAppViewsMessage() {
        server.stubFor(get(urlPathEqualTo(PROFILE))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("content-type", "application/json")
                        .withBody("{\"error\":\"InvalidRequest\",\"message\":\"Profile not found\"}")));

        var outcome = block(client.profile("nobody.bsky.social"));

        assertThat(outcome).isInstanceOf(FetchOutcome.Rejected.class);
        assertThat(outcome.reason()).contains("400").contains("Profile not found");
    }

    @Test
    void a429CoolsTheClientDownUntilRatelimitResetWithoutFurtherCalls() {
        long reset = NOW.getEpochSecond() + 120;
        server.stubFor(get(urlPathEqualTo(PROFILE))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("content-type", "application/json")
                        .withHeader("ratelimit-limit", "3000")
                        .withHeader("ratelimit-remaining", "0")
                        .withHeader("ratelimit-reset", String.valueOf(reset))
                        .withHeader("ratelimit-policy", "3000;w=300")
                        .withBody("{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}")));

        var first = block(client.profile("bsky.app"));
        var meanwhile = block(client.profiles(List.of("did:plc:eygmaihciaxprqvxpfvl6flk")));

        assertThat(first).isInstanceOf(FetchOutcome.RateLimited.class);
        assertThat(((FetchOutcome.RateLimited<?>) first).retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(meanwhile).isInstanceOf(FetchOutcome.RateLimited.class);
        server.verify(1, getRequestedFor(urlPathEqualTo(PROFILE)));
        server.verify(0, getRequestedFor(urlPathEqualTo(PROFILES)));

        clock.set(Instant.ofEpochSecond(reset));
        server.stubFor(get(urlPathEqualTo(PROFILE))
                .willReturn(aResponse()
                        .withHeader("content-type", "application/json")
                        .withBody(Fixtures.read("bluesky/appview-get-profile.json"))));
        assertThat(block(client.profile("bsky.app"))).isInstanceOf(FetchOutcome.Ok.class);
    }

    @Test
    void theOwnWindowBudgetIsKeptWithoutCalling() {
        client = client(1);
        server.stubFor(get(urlPathEqualTo(RESOLVE))
                .willReturn(aResponse()
                        .withHeader("content-type", "application/json")
                        .withBody("{\"did\":\"did:plc:z72i7hdynmk6r22z27h6tvur\"}")));

        assertThat(block(client.resolveHandle("bsky.app"))).isInstanceOf(FetchOutcome.Ok.class);
        assertThat(block(client.resolveHandle("bsky.app"))).isInstanceOf(FetchOutcome.RateLimited.class);
        server.verify(1, getRequestedFor(urlPathEqualTo(RESOLVE)));
    }

    @Test
    void htmlTruncatedJsonAndOtherShapesAreMalformedWithTheBodyKept() {
        server.stubFor(get(urlPathEqualTo(PROFILE))
                .willReturn(aResponse()
                        .withHeader("content-type", "text/html")
                        .withBody("<html><body>Bad gateway</body></html>")));
        server.stubFor(get(urlPathEqualTo(PROFILES))
                .willReturn(aResponse()
                        .withHeader("content-type", "application/json")
                        .withBody("{\"profiles\":{\"did\":\"did:plc:x\"}}")));
        server.stubFor(get(urlPathEqualTo(RESOLVE))
                .willReturn(aResponse()
                        .withHeader("content-type", "application/json")
                        .withBody("{\"did\":\"did:plc:z72i7hd")));

        var html = block(client.profile("bsky.app"));
        var shape = block(client.profiles(List.of("did:plc:x")));
        var truncated = block(client.resolveHandle("bsky.app"));

        assertThat(html).isInstanceOf(FetchOutcome.Malformed.class);
        assertThat(((FetchOutcome.Malformed<?>) html).rawBody()).contains("Bad gateway");
        assertThat(shape).isInstanceOf(FetchOutcome.Malformed.class);
        assertThat(truncated).isInstanceOf(FetchOutcome.Malformed.class);
    }

    @Test
    void serverErrorsAreTransient() {
        server.stubFor(get(urlPathEqualTo(PROFILE)).willReturn(aResponse().withStatus(502)));

        assertThat(block(client.profile("bsky.app"))).isInstanceOf(FetchOutcome.Transient.class);
    }
}
