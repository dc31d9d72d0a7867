package io.onestore.ingestor.capture.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.config.SourceSettings;
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
}
