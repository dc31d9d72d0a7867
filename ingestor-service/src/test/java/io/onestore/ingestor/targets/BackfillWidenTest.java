package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A campaign created after a target's back-fill was done wants more history (docs/coverage.md, Back-fill). Regression:
 * the done back-fill had dropped its cursor and stayed done, so the campaign's baseline was never read.
 */
class BackfillWidenTest {

    static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    static final Instant WEEK_AGO = T.minus(Duration.ofDays(7));
    static final Instant NINE_DAYS_AGO = T.minus(Duration.ofDays(9));

    @Test
    void aBackfillDoneAtItsStartKeepsItsCursorAndGoesOnFromThereForAnEarlierStart() {
        BackfillWalk walk = new BackfillWalk(new Backfill(WEEK_AGO, null, "c1", false, 0), 20);
        walk.accept(List.of(new Mark(WEEK_AGO.minusSeconds(5), "1")), "c2");
        Backfill done = walk.state();
        assertThat(done.done()).isTrue();
        assertThat(done.cursor()).isEqualTo("c2");

        Backfill widened = CoverageBook.widen(done, NINE_DAYS_AGO);
        assertThat(widened).isEqualTo(new Backfill(NINE_DAYS_AGO, WEEK_AGO.minusSeconds(5), "c2", false, 1));
    }

    @Test
    void aDoneBackfillWithoutCursorReadsFromTheTopAgain() {
        Backfill stored = new Backfill(WEEK_AGO, WEEK_AGO.minusSeconds(5), null, true, 170);
        assertThat(CoverageBook.widen(stored, NINE_DAYS_AGO))
                .isEqualTo(new Backfill(NINE_DAYS_AGO, WEEK_AGO.minusSeconds(5), null, false, 170));
    }

    @Test
    void aBackfillThatEndedWithTheFeedStaysDoneAndALaterStartChangesNothing() {
        Backfill ended = new Backfill(WEEK_AGO, T.minus(Duration.ofDays(3)), null, true, 40);
        assertThat(CoverageBook.widen(ended, NINE_DAYS_AGO))
                .isEqualTo(new Backfill(NINE_DAYS_AGO, T.minus(Duration.ofDays(3)), null, true, 40));
        Backfill running = new Backfill(WEEK_AGO, T.minus(Duration.ofDays(2)), "c", false, 10);
        assertThat(CoverageBook.widen(running, T.minus(Duration.ofDays(1)))).isSameAs(running);
    }
}
