package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An Instagram profile page (its latest posts, no next page) as the ledger sees it (docs/coverage.md#profiles). */
class ProfilePageWalkTest {

    static final Instant START = Instant.parse("2026-11-24T00:00:00Z");
    static final Backfill WANTED = new Backfill(START, null, null, false, 0);

    static Mark post(String at, String id) {
        return new Mark(Instant.parse(at), id);
    }

    static CoverageOrder first() {
        return new CoverageOrder(null, 100, Duration.ZERO, WANTED, 20);
    }

    @Test
    void aFirstPageOfAProfileWithOlderPostsCoversFromItsOldestPostAndTheRestOfTheBackfillIsAnApiWindowGap() {
        CoverageUpdate.Capture capture = ProfilePageWalk.read(
                first(), List.of(post("2026-11-30T10:00:00Z", "b"), post("2026-11-26T10:00:00Z", "a")), true, 1);

        assertThat(capture.walk().mark()).isEqualTo(post("2026-11-30T10:00:00Z", "b"));
        assertThat(capture.walk().oldestRead()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(capture.walk().gap()).isEmpty();
        assertThat(capture.backfill().done()).isTrue();
        assertThat(capture.backfill().reached()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(capture.windowGap().reason()).isEqualTo(GapReason.API_WINDOW);
        assertThat(capture.windowGap().from()).isEqualTo(START);
        assertThat(capture.windowGap().to()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void aPageHoldingAllTheProfilesPostsIsTheEndOfItsFeedNoGap() {
        CoverageUpdate.Capture capture =
                ProfilePageWalk.read(first(), List.of(post("2026-11-30T10:00:00Z", "b")), false, 1);

        assertThat(capture.windowGap()).isNull();
        assertThat(capture.backfill().done()).isTrue();
    }

    @Test
    void aPageThatNoLongerReachesTheMarkLeavesTheRangeBetweenAsAnApiWindowGap() {
        CoverageOrder later = new CoverageOrder(
                post("2026-11-30T10:00:00Z", "b"),
                100,
                Duration.ZERO,
                new Backfill(START, Instant.parse("2026-11-26T10:00:00Z"), null, true, 0),
                20);

        CoverageUpdate.Capture capture = ProfilePageWalk.read(
                later, List.of(post("2026-12-01T09:00:00Z", "d"), post("2026-12-01T08:00:00Z", "c")), true, 1);

        FeedWalk.Gap gap = capture.walk().gap().orElseThrow();
        assertThat(gap.reason()).isEqualTo(GapReason.API_WINDOW);
        assertThat(gap.from()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(gap.to()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(capture.walk().newPosts()).isEqualTo(2);
        assertThat(capture.windowGap()).as("back-fill was over").isNull();
    }

    @Test
    void aPageThatReachesTheMarkLeavesNoGap() {
        CoverageOrder later = new CoverageOrder(post("2026-11-30T10:00:00Z", "b"), 100, Duration.ZERO, null, 0);

        CoverageUpdate.Capture capture = ProfilePageWalk.read(
                later, List.of(post("2026-12-01T09:00:00Z", "c"), post("2026-11-30T10:00:00Z", "b")), true, 1);

        assertThat(capture.walk().gap()).isEmpty();
        assertThat(capture.walk().mark().postId()).isEqualTo("c");
    }

    @Test
    void aPrivateProfileShowsNoPostsAndLeavesTheLedgerAsItWas() {
        assertThat(ProfilePageWalk.read(first(), List.of(), true, 1)).isNull();
    }
}
