package io.onestore.ingestor.source.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.model.json.ContractJson;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** The hashtag timeline client over WireMock with recorded-shape answers: pages, limits, locks and junk. */
class MastodonTimelineClientTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final WireMockServer server = started();
    static final String PATH = "/api/v1/timelines/tag/nike";

    final MastodonTimelineClient client = client(Duration.ofSeconds(20));

    static MastodonTimelineClient client(Duration timeout) {
        return new MastodonTimelineClient(
                WebClient.builder().defaultHeader("User-Agent", "OneStore-test").build(),
                ContractJson.mapper(),
                timeout,
                Clock.fixed(NOW, ZoneOffset.UTC),
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

    FetchOutcome<TimelinePage> page(TimelineQuery query) {
        return client.page(query).block(Duration.ofSeconds(30));
    }

    URI base() {
        return URI.create(server.baseUrl());
    }

    @Test
    void aPageIsItsStatusesNewestFirstWithTheRateLimitHeadersAndTheCursorIsSentAsMinId() {
        server.stubFor(get(urlPathEqualTo(PATH))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader("X-RateLimit-Limit", "300")
                        .withHeader("X-RateLimit-Remaining", "299")
                        .withHeader("X-RateLimit-Reset", "2026-11-26T12:05:00.000Z")
                        .withBody(Fixtures.read("mastodon/timeline-nike.json"))));

        FetchOutcome<TimelinePage> outcome = page(TimelineQuery.after(base(), "nike", "113574012345678900", 40));

        assertThat(outcome).isInstanceOf(FetchOutcome.Ok.class);
        TimelinePage page = ((FetchOutcome.Ok<TimelinePage>) outcome).value();
        assertThat(page.statuses())
                .extracting(s -> s.path("id").asText())
                .containsExactly("113574012345678903", "113574012345678902", "113574012345678901");
        assertThat(page.remaining()).isEqualTo(299);
        assertThat(page.reset()).isEqualTo(Instant.parse("2026-11-26T12:05:00Z"));
        var request = server.findAll(getRequestedFor(urlPathEqualTo(PATH))).get(0);
        assertThat(request.queryParameter("min_id").firstValue()).isEqualTo("113574012345678900");
        assertThat(request.queryParameter("limit").firstValue()).isEqualTo("40");
        assertThat(request.queryParameter("max_id").isPresent()).isFalse();
        assertThat(request.getHeader("User-Agent")).isEqualTo("OneStore-test");
    }

    @Test
    void aTagWithCharactersOutsideAsciiIsEncodedInThePath() {
        server.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/caf%C3%A9"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("[]")));

        assertThat(page(TimelineQuery.before(base(), "café", "5", 20))).isInstanceOf(FetchOutcome.Ok.class);
    }

    @Test
    void tooManyRequestsWaitsUntilTheIsoResetTime() {
        server.stubFor(get(urlPathEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", "2026-11-26T12:03:30.000Z")
                        .withBody(Fixtures.read("mastodon/error-rate-limited.json"))));

        FetchOutcome<TimelinePage> outcome = page(TimelineQuery.newest(base(), "nike", 40));

        assertThat(outcome)
                .isInstanceOfSatisfying(FetchOutcome.RateLimited.class, limited -> assertThat(limited.retryAfter())
                        .isEqualTo(Duration.ofSeconds(210)));
    }

    @Test
    void aLockedTimelineIsALoginWallAndServerErrorsAndJunkAreTransientAndMalformed() {
        server.stubFor(get(urlPathEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("mastodon/error-unauthorized.json"))));
        assertThat(page(TimelineQuery.newest(base(), "nike", 40))).isInstanceOf(FetchOutcome.LoginWall.class);

        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        assertThat(page(TimelineQuery.newest(base(), "nike", 40))).isInstanceOf(FetchOutcome.Transient.class);

        server.stubFor(get(urlPathEqualTo(PATH))
                .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<html>Maintenance</html>")));
        assertThat(page(TimelineQuery.newest(base(), "nike", 40)))
                .isInstanceOfSatisfying(FetchOutcome.Malformed.class, m -> assertThat(m.rawBody())
                        .contains("Maintenance"));

        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404)));
        assertThat(page(TimelineQuery.newest(base(), "nike", 40))).isInstanceOf(FetchOutcome.Rejected.class);
    }

    @Test
    void aServerThatDoesNotAnswerIsTransient() {
        server.stubFor(get(urlPathEqualTo(PATH))
                .willReturn(aResponse().withFixedDelay(3000).withBody("[]")));

        assertThat(client(Duration.ofMillis(300))
                        .page(TimelineQuery.newest(base(), "nike", 40))
                        .block(Duration.ofSeconds(10)))
                .isInstanceOf(FetchOutcome.Transient.class);
    }
}
