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
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
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
    static final String PAGE_3 = "QVFCX2V4YW1wbGVfY3Vyc29yX3BhZ2VfMw==";
    static final Account ALICE = new Account("alice", "legacy-alice-secret", null);
    static final Account BOB = new Account("bob", "legacy-bob-secret", null);

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

    /** A walk whose mark lies before every post of the fixtures: it pages on until its budget stops it. */
    static CoverageOrder walkToAnOldMark(int pageBudget) {
        return new CoverageOrder(
                new TargetCoverageDocument.Mark(Instant.EPOCH, "0"), pageBudget, Duration.ZERO, null, 0);
    }

    @Test
    void anOpenGapIsReReadWithMaxIdFromItsCursorAndComesBackFilled() {
        FetcherRig rig = rig(10);
        stubFirstPage();
        instagram.stubFor(get(urlPathEqualTo(TAG))
                .withQueryParam("max_id", equalTo(PAGE_2))
                .willReturn(okJson(Fixtures.text("legacy/tag-nike-page2.json"))));
        // The gap's cursor: the page below it, whose post (2025-11-26T03:40:00Z) is older than the gap's start.
        instagram.stubFor(get(urlPathEqualTo(TAG))
                .withQueryParam("max_id", equalTo(PAGE_3))
                .willReturn(okJson(Fixtures.text("legacy/tag-nike-page2.json"))));
        CoverageGapDocument gap = new CoverageGapDocument(
                "hashtag:nike",
                TargetDocument.Kind.HASHTAG,
                "nike",
                Platform.INSTAGRAM,
                Instant.parse("2025-11-26T04:00:00Z"),
                Instant.parse("2025-11-26T05:00:00Z"),
                GapReason.UPSTREAM_FAILURE,
                CoverageGapDocument.Status.OPEN,
                Instant.parse("2025-11-26T05:00:00Z"),
                null,
                null,
                "rate_limited",
                null,
                PAGE_3);
        // The mark is the newest post of page 1: the live walk reads pages 1 and 2, then the gap is re-read.
        CoverageOrder order = new CoverageOrder(
                new TargetCoverageDocument.Mark(Instant.ofEpochSecond(1764150000L), "3141592653589793001"),
                100,
                Duration.ZERO,
                null,
                5,
                gap);

        CaptureResult result = rig.fetcher
                .fetch(Target.hashtag("nike"), FetcherRig.START, order)
                .block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> {
            CoverageGapDocument refilled = captured.coverage().refilled();
            assertThat(refilled.status()).isEqualTo(CoverageGapDocument.Status.FILLED);
            assertThat(refilled.closedAt()).isEqualTo(FetcherRig.START);
            assertThat(refilled.id()).isEqualTo(gap.id());
            assertThat(captured.coverage().backfillPages())
                    .as("pages of the re-read")
                    .isEqualTo(2);
        });
        // Its start was on the first page read from the cursor; one page more for the feed's disorder.
        instagram.verify(2, getRequestedFor(urlPathEqualTo(TAG)).withQueryParam("max_id", equalTo(PAGE_3)));
    }

    @Test
    void followsTheCursorUpToThePageBudgetAndRecordsTheRestAsAGap() {
        FetcherRig rig = rig(2);
        stubFirstPage();
        instagram.stubFor(get(urlPathEqualTo(TAG))
                .withQueryParam("max_id", equalTo(PAGE_2))
                .willReturn(okJson(Fixtures.text("legacy/tag-nike-page2.json"))));

        CaptureResult result = rig.fetcher
                .fetch(Target.hashtag("nike"), FetcherRig.START, walkToAnOldMark(2))
                .block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> {
            assertThat(captured.batch().posts()).hasSize(6);
            assertThat(captured.batch().deadLetters()).hasSize(1);
            assertThat(captured.coverage().walk().gap()).hasValueSatisfying(gap -> {
                assertThat(gap.reason()).isEqualTo(GapReason.PAGE_BUDGET);
                assertThat(gap.cursor()).as("page 3, where a re-read starts").isEqualTo(PAGE_3);
            });
        });
        // Page two still has a next cursor: the budget, not the feed's end, stopped the walk.
        instagram.verify(2, getRequestedFor(urlPathEqualTo(TAG)));
        instagram.verify(
                getRequestedFor(urlPathEqualTo(TAG)).withHeader("Cookie", equalTo("sessionid=" + ALICE.token())));
        assertThat(rig.account("alice").callsLeft()).isEqualTo(198);
    }

    @Test
    void whenTheAccountRunsOutOfCallsTheWalkGoesOnThroughAnotherAccount() {
        FetcherRig rig = new FetcherRig(
                SourceSettings.Mode.LEGACY, instagram.baseUrl(), List.of(ALICE, BOB), 2, 30, Duration.ofSeconds(10));
        // Alice keeps one call of her 200: the first page.
        for (int i = 0; i < 199; i++) {
            assertThat(rig.pool.spendCall(ALICE)).isTrue();
        }
        stubFirstPage();
        instagram.stubFor(get(urlPathEqualTo(TAG))
                .withQueryParam("max_id", equalTo(PAGE_2))
                .willReturn(okJson(Fixtures.text("legacy/tag-nike-page2.json"))));

        CaptureResult result = rig.fetcher
                .fetch(Target.hashtag("nike"), FetcherRig.START, walkToAnOldMark(2))
                .block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> {
            assertThat(captured.batch().posts()).hasSize(6);
            assertThat(captured.coverage().calls()).isEqualTo(2);
            assertThat(captured.coverage().walk().gap())
                    .as("the budget of pages, not of accounts, ended the walk")
                    .hasValueSatisfying(gap -> assertThat(gap.reason()).isEqualTo(GapReason.PAGE_BUDGET));
        });
        instagram.verify(getRequestedFor(urlPathEqualTo(TAG))
                .withQueryParam("max_id", absent())
                .withHeader("Cookie", equalTo("sessionid=" + ALICE.token())));
        instagram.verify(getRequestedFor(urlPathEqualTo(TAG))
                .withQueryParam("max_id", equalTo(PAGE_2))
                .withHeader("Cookie", equalTo("sessionid=" + BOB.token())));
        assertThat(rig.account("alice").callsLeft()).isZero();
        assertThat(rig.account("bob").callsLeft()).isEqualTo(199);
    }

    @Test
    void aFirstCaptureReadsOnePageWhateverTheBudget() {
        FetcherRig rig = rig(3);
        stubFirstPage();

        CaptureResult result =
                rig.fetcher.fetch(Target.hashtag("nike"), FetcherRig.START).block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> assertThat(
                        captured.batch().posts())
                .hasSize(5));
        instagram.verify(1, getRequestedFor(urlPathEqualTo(TAG)));
    }

    @Test
    void aRateLimitOnALaterPageKeepsTheFirstPageRestsTheAccountAndRecordsAnUpstreamGap() {
        FetcherRig rig = rig(3);
        stubFirstPage();
        instagram.stubFor(get(urlPathEqualTo(TAG))
                .withQueryParam("max_id", equalTo(PAGE_2))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));

        CaptureResult result = rig.fetcher
                .fetch(Target.hashtag("nike"), FetcherRig.START, walkToAnOldMark(3))
                .block();

        assertThat(result).isInstanceOfSatisfying(CaptureResult.Captured.class, captured -> {
            assertThat(captured.batch().posts()).hasSize(5);
            assertThat(captured.coverage().walk().gap())
                    .hasValueSatisfying(gap -> assertThat(gap.reason()).isEqualTo(GapReason.UPSTREAM_FAILURE));
        });
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
