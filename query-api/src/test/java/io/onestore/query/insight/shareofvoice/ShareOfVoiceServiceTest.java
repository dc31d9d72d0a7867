package io.onestore.query.insight.shareofvoice;

import static io.onestore.query.Ledgers.hashtag;
import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.TestProperties;
import io.onestore.query.request.TimeWindow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two days, three brands. 10-01: [nike] a1 10, [nike, adidas] a2 20, [adidas] a2 30; 10-02: [nike] a1 40, [puma]
 * without author 50. A post with two of the tags counts for both.
 */
class ShareOfVoiceServiceTest {

    static final List<String> BRANDS = List.of("nike", "adidas", "puma");
    static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-03T00:00:00Z"));

    static ContractIndices es;
    static ShareOfVoiceService service;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(ShareOfVoiceServiceTest.class);
        service = new ShareOfVoiceService(
                es.names(),
                es.coverage(Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC)),
                TestProperties.defaults());
        // Captured throughout but #reebok, whose capture began on 10-02.
        es.ledger(
                List.of(
                        hashtag("nike", "2026-09-01T00:00:00Z", "2026-10-31T00:00:00Z"),
                        hashtag("adidas", "2026-09-01T00:00:00Z", "2026-10-31T00:00:00Z"),
                        hashtag("puma", "2026-09-01T00:00:00Z", "2026-10-31T00:00:00Z"),
                        hashtag("reebok", "2026-10-02T00:00:00Z", "2026-10-31T00:00:00Z"),
                        hashtag("vans", "2026-09-01T00:00:00Z", "2026-10-31T00:00:00Z")),
                List.of(),
                // #vans is watched on Mastodon too, which has never been captured.
                List.of(TargetDocument.watch(
                        TargetDocument.Kind.HASHTAG,
                        "vans",
                        List.of(Platform.INSTAGRAM, Platform.MASTODON),
                        List.of(),
                        Instant.parse("2026-09-01T00:00:00Z"))));
        es.posts(List.of(
                post("1")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-01T08:00:00Z")
                        .likes(10)
                        .build(),
                post("2")
                        .tags("nike", "adidas")
                        .author("a2", "bob")
                        .at("2026-10-01T09:00:00Z")
                        .likes(20)
                        .build(),
                post("3")
                        .tags("adidas")
                        .author("a2", "bob")
                        .at("2026-10-01T10:00:00Z")
                        .likes(30)
                        .build(),
                post("4")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-02T08:00:00Z")
                        .likes(40)
                        .build(),
                post("5").tags("puma").at("2026-10-02T09:00:00Z").likes(50).build(),
                post("6")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-03T00:00:00Z")
                        .likes(60)
                        .build(),
                post("8").tags("vans").at("2026-10-01T08:00:00Z").build(),
                post("9")
                        .tags("vans")
                        .platform(Platform.MASTODON)
                        .at("2026-10-01T09:00:00Z")
                        .build(),
                post("7")
                        .tags("reebok")
                        .author("a3", "cid")
                        .at("2026-10-01T08:00:00Z")
                        .likes(70)
                        .build()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void postsShareAndPerDay() throws Exception {
        ShareOfVoice sov = service.compute(BRANDS, WINDOW, VoiceMetric.POSTS);

        assertThat(sov.hashtags())
                .containsExactly(
                        new ShareOfVoice.Voice("nike", 3, 3 / 6.0),
                        new ShareOfVoice.Voice("adidas", 2, 2 / 6.0),
                        new ShareOfVoice.Voice("puma", 1, 1 / 6.0));
        assertThat(sov.days())
                .containsExactly(
                        new ShareOfVoice.Day(
                                Instant.parse("2026-10-01T00:00:00Z"),
                                List.of(
                                        new ShareOfVoice.Voice("nike", 2, 0.5),
                                        new ShareOfVoice.Voice("adidas", 2, 0.5),
                                        new ShareOfVoice.Voice("puma", 0, 0.0)),
                                1.0,
                                null),
                        new ShareOfVoice.Day(
                                Instant.parse("2026-10-02T00:00:00Z"),
                                List.of(
                                        new ShareOfVoice.Voice("nike", 1, 0.5),
                                        new ShareOfVoice.Voice("adidas", 0, 0.0),
                                        new ShareOfVoice.Voice("puma", 1, 0.5)),
                                1.0,
                                null));
        assertThat(sov.sharesWithheld()).isNull();
        assertThat(sov.coverage().complete()).isTrue();
    }

    @Test
    void engagementShare() throws Exception {
        assertThat(service.compute(BRANDS, WINDOW, VoiceMetric.ENGAGEMENT).hashtags())
                .containsExactly(
                        new ShareOfVoice.Voice("nike", 70, 70 / 170.0),
                        new ShareOfVoice.Voice("adidas", 50, 50 / 170.0),
                        new ShareOfVoice.Voice("puma", 50, 50 / 170.0));
    }

    @Test
    void authorsShareLeavesOutPostsWithoutAuthor() throws Exception {
        assertThat(service.compute(BRANDS, WINDOW, VoiceMetric.AUTHORS).hashtags())
                .containsExactly(
                        new ShareOfVoice.Voice("nike", 2, 2 / 3.0),
                        new ShareOfVoice.Voice("adidas", 1, 1 / 3.0),
                        new ShareOfVoice.Voice("puma", 0, 0.0));
    }

    @Test
    void noVoiceAtAllHasNoShares() throws Exception {
        assertThat(service.compute(List.of("asics"), WINDOW, VoiceMetric.POSTS).hashtags())
                .containsExactly(new ShareOfVoice.Voice("asics", 0, null));
    }

    @Test
    void sharesAreWithheldWhereAHashtagIsNotCovered() throws Exception {
        ShareOfVoice sov = service.compute(List.of("nike", "reebok"), WINDOW, VoiceMetric.POSTS);

        // #reebok's capture began on 10-02: half the window is not covered for it, so no share compares the two.
        assertThat(sov.hashtags())
                .containsExactly(new ShareOfVoice.Voice("nike", 3, null), new ShareOfVoice.Voice("reebok", 1, null));
        assertThat(sov.sharesWithheld().reason()).isEqualTo("hashtags_not_covered");
        assertThat(sov.sharesWithheld().detail())
                .isEqualTo("The window is covered 50.0 % by capture, below the 95.0 % a comparison needs");
        assertThat(sov.coverage().coveredShare()).isEqualTo(0.5);
        assertThat(sov.coverage().targets().get(1).gaps())
                .containsExactly(new io.onestore.query.coverage.Coverage.Gap(
                        WINDOW.from(), Instant.parse("2026-10-02T00:00:00Z"), "before_coverage", "instagram"));
        // Day by day: 10-01 is withheld, 10-02 is covered for both and keeps its shares.
        assertThat(sov.days().get(0).sharesWithheld().reason()).isEqualTo("hashtags_not_covered");
        assertThat(sov.days().get(0).coveredShare()).isZero();
        assertThat(sov.days().get(0).hashtags())
                .containsExactly(new ShareOfVoice.Voice("nike", 2, null), new ShareOfVoice.Voice("reebok", 1, null));
        assertThat(sov.days().get(1))
                .isEqualTo(new ShareOfVoice.Day(
                        Instant.parse("2026-10-02T00:00:00Z"),
                        List.of(new ShareOfVoice.Voice("nike", 1, 1.0), new ShareOfVoice.Voice("reebok", 0, 0.0)),
                        1.0,
                        null));
    }

    @Test
    void aHashtagWithoutLedgerWithholdsTheShares() throws Exception {
        ShareOfVoice sov = service.compute(List.of("nike", "asics"), WINDOW, VoiceMetric.POSTS);

        assertThat(sov.hashtags()).extracting(ShareOfVoice.Voice::share).containsOnlyNulls();
        assertThat(sov.coverage().targets().get(1).note()).isEqualTo("not_watched");
        assertThat(sov.coverage().complete()).isFalse();
    }

    @Test
    void onePlatformCountsItsPostsAloneAndNeedsOnlyItsCaptureCovered() throws Exception {
        ShareOfVoice all = service.compute(List.of("nike", "vans"), WINDOW, VoiceMetric.POSTS);
        // Every platform: the Mastodon post counts, and Mastodon's capture, never run, withholds the shares.
        assertThat(all.hashtags())
                .containsExactly(new ShareOfVoice.Voice("nike", 3, null), new ShareOfVoice.Voice("vans", 2, null));
        assertThat(all.sharesWithheld().reason()).isEqualTo("hashtags_not_covered");

        ShareOfVoice instagram =
                service.compute(List.of("nike", "vans"), WINDOW, VoiceMetric.POSTS, Platform.INSTAGRAM);
        assertThat(instagram.hashtags())
                .containsExactly(
                        new ShareOfVoice.Voice("nike", 3, 3 / 4.0), new ShareOfVoice.Voice("vans", 1, 1 / 4.0));
        assertThat(instagram.sharesWithheld()).isNull();
        assertThat(instagram.coverage().complete()).isTrue();
    }
}
