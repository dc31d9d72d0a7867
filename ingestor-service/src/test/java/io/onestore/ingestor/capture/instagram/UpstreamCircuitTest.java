package io.onestore.ingestor.capture.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.targets.Target;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UpstreamCircuitTest {

    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void anUpstreamThatKeepsFailingIsLeftAloneOnceTheCircuitOpens() {
        FetcherRig rig =
                new FetcherRig(SourceSettings.Mode.WEB, upstream.baseUrl(), List.of(new Account("a", "tok-a", null)));
        upstream.stubFor(get(urlPathEqualTo("/api/v1/tags/web_info/"))
                .willReturn(aResponse().withStatus(500)));

        // Minimum 10 calls, 50% failing: four targets of three attempts each open the breaker.
        for (int i = 0; i < 4; i++) {
            rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block();
        }
        int callsWhenOpen = upstream.findAll(getRequestedFor(urlPathEqualTo("/api/v1/tags/web_info/")))
                .size();
        CaptureResult result =
                rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block();

        assertThat(callsWhenOpen).isPositive();
        assertThat(result).isInstanceOfSatisfying(CaptureResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo("transient");
            assertThat(failed.reason()).contains("circuit breaker instagram-web open");
        });
        upstream.verify(callsWhenOpen, getRequestedFor(urlPathEqualTo("/api/v1/tags/web_info/")));
    }

    /**
     * Issue 10: Instagram's server errors reach Graph clients as HTTP 400, code -1, subcode 2207001 ("Try again"). They
     * used to be labelled rejected: never retried, never seen by the breaker, and a target status that read like a bad
     * request. They are transient now, so the breaker counts them and opens.
     */
    @Test
    void instagramServerErrorsBehindTheGraphApiOpenTheCircuitToo() {
        upstream.stubFor(
                get(urlPathMatching("/\\d+/recently_searched_hashtags")).willReturn(okJson("{\"data\":[]}")));
        upstream.stubFor(get(urlPathEqualTo("/ig_hashtag_search"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.text("graph/error-instagram-server-error.json"))));
        FetcherRig rig = new FetcherRig(
                SourceSettings.Mode.GRAPH, upstream.baseUrl(), List.of(new Account("a", "tok-a", "17841400000000001")));

        CaptureResult first =
                rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block();
        assertThat(first).isInstanceOfSatisfying(CaptureResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo("transient");
            assertThat(failed.reason()).contains("graph error code -1 subcode 2207001");
        });
        // Retried on the same account with backoff: three attempts, not one.
        upstream.verify(3, getRequestedFor(urlPathEqualTo("/ig_hashtag_search")));

        for (int i = 0; i < 3; i++) {
            rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block();
        }
        CaptureResult whenOpen =
                rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block();
        assertThat(whenOpen).isInstanceOfSatisfying(CaptureResult.Failed.class, failed -> assertThat(failed.reason())
                .contains("circuit breaker")
                .contains("open"));
    }
}
