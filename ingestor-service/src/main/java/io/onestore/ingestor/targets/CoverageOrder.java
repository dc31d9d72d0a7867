package io.onestore.ingestor.targets;

import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Duration;

/**
 * What one capture of a target should read, from its ledger: down to the high-water mark within a page budget, then
 * some back-fill pages (docs/coverage.md).
 *
 * @param mark the target's high-water mark; null on the first capture
 * @param pageBudget pages the live walk may read
 * @param overlap how far below the mark the live walk reads
 * @param backfill the stored back-fill progress; null when there is none
 * @param backfillPages pages this capture may spend on back-fill after the live walk
 */
public record CoverageOrder(Mark mark, int pageBudget, Duration overlap, Backfill backfill, int backfillPages) {

    /** A capture that reads one page and keeps no ledger (profiles; callers without coverage). */
    public static CoverageOrder firstPage() {
        return new CoverageOrder(null, 1, Duration.ZERO, null, 0);
    }

    public FeedWalk liveWalk() {
        return new FeedWalk(mark, pageBudget, overlap);
    }

    /** Null when nothing is to be back-filled. */
    public BackfillWalk backfillWalk() {
        return backfill == null ? null : new BackfillWalk(backfill, backfillPages);
    }
}
