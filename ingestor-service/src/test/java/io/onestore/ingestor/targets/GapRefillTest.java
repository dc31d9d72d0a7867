package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import io.onestore.model.document.TargetDocument;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapRefillTest {

    static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    static final Instant NOW = T.plusSeconds(3600);

    /** An open page-budget gap [T+10, T+70), to be re-read from cursor "c". */
    static CoverageGapDocument gap(String cursor) {
        return new CoverageGapDocument(
                "hashtag:nike",
                TargetDocument.Kind.HASHTAG,
                "nike",
                Platform.INSTAGRAM,
                T.plusSeconds(10),
                T.plusSeconds(70),
                GapReason.PAGE_BUDGET,
                CoverageGapDocument.Status.OPEN,
                T.plusSeconds(100),
                null,
                60L,
                "pages=3",
                null,
                cursor);
    }

    /** Ten posts a page, one a second, newest first, from {@code newest} down. */
    static List<Mark> page(int newest) {
        return java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> new Mark(T.plusSeconds(newest - i), "p" + (newest - i)))
                .toList();
    }

    @Test
    void readsDownToTheGapsStartAndOnePageMoreThenTheGapIsFilled() {
        GapRefill refill = new GapRefill(gap("c"), 20);
        assertThat(refill.wanted()).isTrue();
        assertThat(refill.cursor()).isEqualTo("c");
        assertThat(refill.accept(page(69), "c2")).isTrue();
        assertThat(refill.accept(page(59), "c3")).isTrue();
        assertThat(refill.accept(page(49), "c4")).isTrue();
        assertThat(refill.accept(page(39), "c5")).isTrue();
        assertThat(refill.accept(page(29), "c6")).isTrue();
        // T+10 is on this page: the gap's start is reached, one page more for the feed's disorder.
        assertThat(refill.accept(page(19), "c7")).isTrue();
        assertThat(refill.accept(page(9), "c8")).isFalse();

        CoverageGapDocument filled = refill.result(NOW);
        assertThat(filled.status()).isEqualTo(CoverageGapDocument.Status.FILLED);
        assertThat(filled.closedAt()).isEqualTo(NOW);
        assertThat(filled.cursor()).isNull();
        assertThat(filled.from()).isEqualTo(T.plusSeconds(10));
        assertThat(filled.to()).as("the range it had").isEqualTo(T.plusSeconds(70));
        assertThat(filled.id()).as("the same document").isEqualTo(gap("c").id());
    }

    @Test
    void aBudgetSpentShortOfTheStartNarrowsTheGapToWhatIsStillUnreadAndKeepsTheCursor() {
        GapRefill refill = new GapRefill(gap("c"), 2);
        assertThat(refill.accept(page(69), "c2")).isTrue();
        assertThat(refill.accept(page(59), "c3")).isFalse();

        CoverageGapDocument narrowed = refill.result(NOW);
        assertThat(narrowed.status()).isEqualTo(CoverageGapDocument.Status.OPEN);
        assertThat(narrowed.closedAt()).isNull();
        assertThat(narrowed.from()).isEqualTo(T.plusSeconds(10));
        assertThat(narrowed.to()).as("posts at T+50 and newer were read").isEqualTo(T.plusSeconds(50));
        assertThat(narrowed.cursor()).isEqualTo("c3");
        assertThat(narrowed.id()).isEqualTo(gap("c").id());
    }

    @Test
    void theFeedsEndFillsTheGap() {
        GapRefill refill = new GapRefill(gap("c"), 20);
        assertThat(refill.accept(page(69), null)).isFalse();
        assertThat(refill.result(NOW).status()).isEqualTo(CoverageGapDocument.Status.FILLED);
    }

    @Test
    void nothingReadLeavesTheGapAsItWasAndAGapWithoutCursorIsNotWanted() {
        assertThat(new GapRefill(gap("c"), 20).result(NOW)).isNull();
        assertThat(new GapRefill(gap(null), 20).wanted()).isFalse();
        assertThat(new GapRefill(gap("c"), 0).wanted()).isFalse();
    }
}
