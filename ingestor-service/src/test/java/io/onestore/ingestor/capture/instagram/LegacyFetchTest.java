package io.onestore.ingestor.capture.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.account.AccountState;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.targets.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LegacyFetchTest {

    @RegisterExtension
    static WireMockExtension instagram = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String TAG = "/explore/tags/nike/";
    static final String PAGE_2 = "QVFCX2V4YW1wbGVfY3Vyc29yX3BhZ2VfMg==";
    static final Account ALICE = new Account("alice", "legacy-alice-secret", null);

    FetcherRig rig(int maxPages) {
        return new FetcherRig(
                SourceSettings.Mode.LEGACY, instagram.baseUrl(), List.of(ALICE), maxPages, 30, Duration.ofSeconds(10));
    }

    static void stubFirstPage() {
        instagram.stubFor(get(urlPathEqualTo(TAG))
                .withQueryParam("__a", equalTo("1"))
                .withQueryParam("max_id", absent())
                .willReturn(okJson(Fixtures.text("legacy/tag-nike.json"))));
    }

    @Test
    void followsTheCursorUpToMaxPages() {
        FetcherRig rig = rig(2);
        stubFirstPage();
        instagram.stubFor(get(urlPathEqualTo(TAG))
                .withQueryParam("max_id", equalTo(PAGE_2))
                .willReturn(okJson(Fixtures.text("legacy/tag-nike-page2.json"))));

        CaptureResult result =
                rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> {
            assertThat(captured.batch().posts()).hasSize(6);
            assertThat(captured.batch().deadLetters()).hasSize(1);
        });
        // Page two still has a next cursor: the bound, not the feed's end, stopped the walk.
        instagram.verify(2, getRequestedFor(urlPathEqualTo(TAG)));
        instagram.verify(
                getRequestedFor(urlPathEqualTo(TAG)).withHeader("Cookie", equalTo("sessionid=" + ALICE.token())));
        assertThat(rig.account("alice").callsLeft()).isEqualTo(198);
    }

    @Test
    void aRateLimitOnALaterPageKeepsTheFirstPageAndRestsTheAccount() {
        FetcherRig rig = rig(3);
        stubFirstPage();
        instagram.stubFor(get(urlPathEqualTo(TAG))
                .withQueryParam("max_id", equalTo(PAGE_2))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));

        CaptureResult result =
                rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> assertThat(
                        captured.batch().posts())
                .hasSize(5));
        assertThat(rig.state("alice")).isEqualTo(AccountState.COOLING_DOWN);
    }

    @Test
    void profileThroughTheLegacyEndpoint() {
        FetcherRig rig = rig(2);
        instagram.stubFor(get(urlPathEqualTo("/jane.q/"))
                .withQueryParam("__a", equalTo("1"))
                .willReturn(okJson(Fixtures.text("legacy/profile-private.json"))));

        CaptureResult result =
                rig.fetcher.fetch(Target.profile("jane.q"), FetcherRig.START).block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> {
            assertThat(captured.batch().profileSnapshot().isPrivate()).isTrue();
            assertThat(captured.batch().profileSnapshot().source()).isEqualTo("instagram-legacy");
            assertThat(captured.batch().posts()).isEmpty();
        });
    }

    @Test
    void anEmptyPoolFailsEveryTargetAsNoAccount() {
        FetcherRig rig = new FetcherRig(SourceSettings.Mode.LEGACY, instagram.baseUrl(), List.of());

        CaptureResult result =
                rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo("no_account");
            assertThat(failed.reason()).isEqualTo("no accounts configured");
        });
        instagram.verify(0, getRequestedFor(urlPathEqualTo(TAG)));
    }
}
