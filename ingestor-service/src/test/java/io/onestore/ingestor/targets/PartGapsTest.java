package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartGapsTest {

    static final Instant T1 = Instant.parse("2026-11-26T12:00:00Z");
    static final Instant T2 = Instant.parse("2026-11-26T12:05:00Z");
    static final Instant T3 = Instant.parse("2026-11-26T12:10:00Z");
    static final TargetCoverageDocument PREVIOUS = new TargetCoverageDocument(
            "hashtag:nike",
            TargetDocument.Kind.HASHTAG,
            "nike",
            Platform.MASTODON,
            new TargetCoverageDocument.Mark(T1.minusSeconds(60), "uri"),
            T1.minusSeconds(3600),
            null,
            null,
            T1,
            null,
            null,
            1,
            1,
            0,
            null,
            T1);

    @Test
    void aServerBehindItsPageBudgetOpensAGapFromItsReachToTheCapture() {
        Instant reach = T2.minusSeconds(200);

        PartGaps.Update update =
                apply(PREVIOUS, List.of(new PartRead("a", reach, GapReason.PAGE_BUDGET)), List.of(), T2);

        assertThat(update.openDelta()).isEqualTo(1);
        assertThat(update.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.from()).isEqualTo(reach);
            assertThat(gap.to()).isEqualTo(T2);
            assertThat(gap.reason()).isEqualTo(GapReason.PAGE_BUDGET);
            assertThat(gap.part()).isEqualTo("a");
        });
    }

    @Test
    void aServerNotReadAtAllGrowsItsOpenGapInPlaceAndOneThatCatchesUpFillsIt() {
        PartGaps.Update first =
                apply(PREVIOUS, List.of(new PartRead("a", null, GapReason.RATE_LIMITED)), List.of(), T2);
        CoverageGapDocument opened = first.gaps().get(0);
        assertThat(opened.from())
                .as("the server was complete at the previous capture")
                .isEqualTo(T1);

        PartGaps.Update second =
                apply(PREVIOUS, List.of(new PartRead("a", null, GapReason.UPSTREAM_FAILURE)), List.of(opened), T3);
        assertThat(second.openDelta()).isZero();
        assertThat(second.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.id()).isEqualTo(opened.id());
            assertThat(gap.to()).isEqualTo(T3);
        });

        PartGaps.Update third = apply(
                PREVIOUS,
                List.of(PartRead.complete("a", T3)),
                List.of(second.gaps().get(0)),
                T3);
        assertThat(third.openDelta()).isEqualTo(-1);
        assertThat(third.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.status()).isEqualTo(CoverageGapDocument.Status.FILLED);
            assertThat(gap.closedAt()).isEqualTo(T3);
        });
    }

    @Test
    void aReadThatGetsPartOfTheWayFillsTheOldGapAndOpensTheRest() {
        CoverageGapDocument opened = apply(
                        PREVIOUS, List.of(new PartRead("a", null, GapReason.RATE_LIMITED)), List.of(), T2)
                .gaps()
                .get(0);
        Instant reach = T2.plusSeconds(30);

        PartGaps.Update update =
                apply(PREVIOUS, List.of(new PartRead("a", reach, GapReason.PAGE_BUDGET)), List.of(opened), T3);

        assertThat(update.openDelta()).isZero();
        assertThat(update.gaps()).hasSize(2);
        assertThat(update.gaps()).anySatisfy(gap -> {
            assertThat(gap.from()).isEqualTo(reach);
            assertThat(gap.status()).isEqualTo(CoverageGapDocument.Status.OPEN);
        });
        assertThat(update.gaps()).anySatisfy(gap -> {
            assertThat(gap.id()).isEqualTo(opened.id());
            assertThat(gap.status()).isEqualTo(CoverageGapDocument.Status.FILLED);
        });
    }

    @Test
    void twoServersGapsFromTheSameInstantAreTwoDocuments() {
        PartGaps.Update update = apply(
                PREVIOUS,
                List.of(new PartRead("a", null, GapReason.LOCKED), new PartRead("b", null, GapReason.LOCKED)),
                List.of(),
                T2);

        assertThat(update.gaps()).extracting(CoverageGapDocument::id).doesNotHaveDuplicates();
        assertThat(update.openDelta()).isEqualTo(2);
    }

    @Test
    void aFirstCaptureWithAFailedServerStartsItsGapWhereTheCapturesCoverageStarts() {
        Instant coveredSince = T2.minusSeconds(600);

        PartGaps.Update update = PartGaps.apply(
                null,
                "hashtag:nike",
                TargetDocument.Kind.HASHTAG,
                "nike",
                Platform.MASTODON,
                List.of(new PartRead("a", null, GapReason.LOCKED), PartRead.complete("b", T2)),
                List.of(),
                coveredSince,
                T2);

        assertThat(update.gaps()).singleElement().satisfies(gap -> assertThat(gap.from())
                .isEqualTo(coveredSince));
    }

    private static PartGaps.Update apply(
            TargetCoverageDocument previous, List<PartRead> parts, List<CoverageGapDocument> open, Instant now) {
        return PartGaps.apply(
                previous,
                "hashtag:nike",
                TargetDocument.Kind.HASHTAG,
                "nike",
                Platform.MASTODON,
                parts,
                open,
                previous.coveredSince(),
                now);
    }
}
