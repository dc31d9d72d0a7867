package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageUpdateTest {

    static final Instant T = FeedWalkTest.T;

    static CoverageUpdate.Outcome capture(TargetCoverageDocument previous, FeedWalk walk, int posts, boolean outage) {
        return CoverageUpdate.apply(
                previous,
                "hashtag:nike",
                TargetDocument.Kind.HASHTAG,
                "nike",
                Platform.INSTAGRAM,
                new CoverageUpdate.Capture(walk.finish(null), posts, null, 0, walk.pages(), null, outage),
                T.plusSeconds(3600));
    }

    @Test
    void theFirstCaptureSetsTheMarkAndCoverageFromItsOldestPost() {
        FeedWalk walk = new FeedWalk(null, 10, Duration.ZERO);
        walk.accept(List.of(FeedWalkTest.post(120), FeedWalkTest.post(60)), true);
        TargetCoverageDocument ledger = capture(null, walk, 2, false).ledger();
        assertThat(ledger.highWaterMark()).isEqualTo(FeedWalkTest.post(120));
        assertThat(ledger.coveredSince()).isEqualTo(T.plusSeconds(60));
        assertThat(ledger.ratePerHour()).isCloseTo(120, within(0.001));
        assertThat(ledger.pagesSpent()).isEqualTo(1);
        assertThat(ledger.id()).isEqualTo("hashtag:nike@instagram");
    }

    @Test
    void aWalkShortOfTheMarkRecordsAGapAndDuringAnOutageItsReasonIsTheStore() {
        TargetCoverageDocument previous = capture(null, firstWalk(), 2, false).ledger();
        FeedWalk walk = new FeedWalk(previous.highWaterMark(), 1, Duration.ZERO);
        walk.accept(List.of(FeedWalkTest.post(3000), FeedWalkTest.post(2400)), true);

        CoverageUpdate.Outcome budget = capture(previous, walk, 2, false);
        assertThat(budget.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.reason()).isEqualTo(GapReason.PAGE_BUDGET);
            assertThat(gap.from()).isEqualTo(T.plusSeconds(120));
            assertThat(gap.to()).isEqualTo(T.plusSeconds(2400));
            assertThat(gap.estimatedPosts()).isEqualTo(76);
        });
        assertThat(budget.ledger().openGaps()).isEqualTo(1);
        assertThat(budget.ledger().coveredSince()).isEqualTo(previous.coveredSince());

        FeedWalk again = new FeedWalk(previous.highWaterMark(), 1, Duration.ZERO);
        again.accept(List.of(FeedWalkTest.post(3000), FeedWalkTest.post(2400)), true);
        assertThat(capture(previous, again, 2, true).gaps()).singleElement().satisfies(gap -> assertThat(gap.reason())
                .isEqualTo(GapReason.STORE_UNAVAILABLE));
    }

    private static FeedWalk firstWalk() {
        FeedWalk walk = new FeedWalk(null, 10, Duration.ZERO);
        walk.accept(List.of(FeedWalkTest.post(120), FeedWalkTest.post(60)), true);
        return walk;
    }
}
