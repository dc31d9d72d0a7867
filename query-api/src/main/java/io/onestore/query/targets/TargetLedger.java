package io.onestore.query.targets;

import io.onestore.model.document.TargetCoverageDocument;
import java.time.Instant;
import java.util.List;

/**
 * One target as {@code GET /api/v1/targets} shows it: what is watched and how completely (docs/coverage.md).
 *
 * @param id the target's id, e.g. {@code hashtag:nike}
 * @param kind {@code hashtag} or {@code profile}
 * @param campaignIds the campaigns that need it (empty for a target from the ingestor's targets file)
 * @param coverage one ledger per platform; empty before the first capture
 * @param gaps the most recent gaps (with {@code GET /api/v1/targets/{id}} only; null in the list)
 */
public record TargetLedger(
        String id,
        String kind,
        String value,
        List<String> platforms,
        List<String> campaignIds,
        Instant createdAt,
        Instant lastFetchedAt,
        String lastOutcome,
        List<PlatformCoverage> coverage,
        List<GapEntry> gaps) {

    /**
     * @param highWaterMark the newest post captured: its time and id
     * @param coveredSince the oldest post time from which the feed was read continuously (gaps apart)
     * @param backfill how far reading back to the target's start has come
     * @param ratePerHour estimated public posts an hour
     * @param expectedShare the planner's outlook: share of the expected posts its budget reads (1 = all)
     * @param underCovered true when the planner expects to miss posts, {@code underCoveredReason} says why
     */
    public record PlatformCoverage(
            String platform,
            TargetCoverageDocument.Mark highWaterMark,
            Instant coveredSince,
            TargetCoverageDocument.Backfill backfill,
            Double ratePerHour,
            Instant lastCaptureAt,
            Instant nextDueAt,
            Long intervalSeconds,
            long pagesSpent,
            long callsSpent,
            int openGaps,
            Double expectedShare,
            Boolean underCovered,
            String underCoveredReason) {

        static PlatformCoverage of(TargetCoverageDocument ledger) {
            TargetCoverageDocument.Backfill backfill = ledger.backfill() == null
                    ? null
                    // The upstream cursor is the ingestor's business, and may carry session state: never shown.
                    : new TargetCoverageDocument.Backfill(
                            ledger.backfill().start(),
                            ledger.backfill().reached(),
                            null,
                            ledger.backfill().done(),
                            ledger.backfill().pages());
            var plan = ledger.plan();
            return new PlatformCoverage(
                    ledger.platform().key(),
                    ledger.highWaterMark(),
                    ledger.coveredSince(),
                    backfill,
                    ledger.ratePerHour(),
                    ledger.lastCaptureAt(),
                    ledger.nextDueAt(),
                    ledger.intervalSeconds(),
                    ledger.pagesSpent(),
                    ledger.callsSpent(),
                    ledger.openGaps(),
                    plan == null ? null : plan.expectedShare(),
                    plan == null ? null : plan.underCovered(),
                    plan == null ? null : plan.reason());
        }
    }

    /** A gap: {@code [from, to)} of post times not read, why, and whether a later walk read it after all. */
    public record GapEntry(
            String platform,
            Instant from,
            Instant to,
            String reason,
            String status,
            Instant detectedAt,
            Long estimatedPosts) {}
}
