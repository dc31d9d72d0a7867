package io.onestore.ingestor.targets;

import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Duration;

/**
 * What one capture of a target should read, from its ledger: down to the high-water mark within a page budget, then
 * some pages re-reading an open gap and back-filling (docs/coverage.md).
 *
 * @param mark the target's high-water mark; null on the first capture
 * @param pageBudget pages the live walk may read
 * @param overlap how far below the mark the live walk reads
 * @param backfill the stored back-fill progress; null when there is none
 * @param backfillPages pages this capture may spend on re-reading a gap and back-fill after the live walk
 * @param gap the open gap to re-read from its cursor first; null when none can be
 */
public record CoverageOrder(
        Mark mark, int pageBudget, Duration overlap, Backfill backfill, int backfillPages, CoverageGapDocument gap) {

    public CoverageOrder(Mark mark, int pageBudget, Duration overlap, Backfill backfill, int backfillPages) {
        this(mark, pageBudget, overlap, backfill, backfillPages, null);
    }

    /** A capture that reads one page and keeps no ledger (profiles; callers without coverage). */
    public static CoverageOrder firstPage() {
        return new CoverageOrder(null, 1, Duration.ZERO, null, 0, null);
    }

    public FeedWalk liveWalk() {
        return new FeedWalk(mark, pageBudget, overlap);
    }

    /** Null when nothing is to be back-filled. */
    public BackfillWalk backfillWalk() {
        return backfill == null ? null : new BackfillWalk(backfill, backfillPages);
    }

    /** Null when no gap is to be re-read. */
    public GapRefill gapRefill() {
        return gap == null || gap.cursor() == null ? null : new GapRefill(gap, backfillPages);
    }
}
