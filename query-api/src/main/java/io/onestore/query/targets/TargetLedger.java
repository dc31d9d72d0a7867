package io.onestore.query.targets;

import io.onestore.model.document.TargetCoverageDocument;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One target as {@code GET /api/v1/targets} shows it: what is watched and how completely (docs/coverage.md).
 *
 * @param id the target's id, e.g. {@code hashtag:nike}
 * @param kind {@code hashtag} or {@code profile}
 * @param campaignIds the campaigns that need it (empty for a target from the ingestor's targets file)
 * @param underCovered true when some platform of it is not fully covered: never captured, open gaps, or the planner
 *     expects to miss posts; the platforms of {@code snapshotsOnly} do not count (their posts are not what is read)
 * @param snapshotsOnly the platforms a profile is captured on as snapshots only (followers, following, media count),
 *     its posts not read there, so without a ledger: X, whose profile capture is a user lookup; empty for a hashtag
 * @param coverage one ledger per platform whose capture reads posts; empty before the first capture
 * @param spend what metered upstreams billed for it today and this month, per platform (X: posts, users and counts
 *     requests read; TikTok: Research API requests and records) against the ingestor's daily ceilings (TikTok's: the
 *     client's quotas); empty where nothing is metered or nothing was read
 * @param gaps its newest gaps, open and filled (with {@code GET /api/v1/targets/{id}} only; null in the list)
 * @param gapsTotal how many gaps it has in all (with {@code GET /api/v1/targets/{id}} only; null in the list)
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
        @Schema(
                        description = "some platform not fully covered: never captured, open gaps, or the planner"
                                + " expects to miss posts; the platforms of snapshotsOnly do not count")
                boolean underCovered,
        @Schema(
                        description = "the platforms a profile is captured on as snapshots only (followers, following,"
                                + " media count), its posts not read there, so without a ledger: X, whose profile"
                                + " capture is a user lookup. Its posts an answer counts there came with a watched"
                                + " hashtag (coverage reason snapshots_only). Empty for a hashtag")
                List<String> snapshotsOnly,
        List<PlatformCoverage> coverage,
        List<TargetSpend> spend,
        List<GapEntry> gaps,
        Long gapsTotal) {

    /** This target with its spend. */
    TargetLedger withSpend(List<TargetSpend> spend) {
        return new TargetLedger(
                id,
                kind,
                value,
                platforms,
                campaignIds,
                createdAt,
                lastFetchedAt,
                lastOutcome,
                underCovered,
                snapshotsOnly,
                coverage,
                spend,
                gaps,
                gapsTotal);
    }

    /**
     * @param highWaterMark the newest post captured: its time and id
     * @param coveredSince the oldest post time from which the feed was read continuously (gaps apart)
     * @param backfill how far reading back to the target's start has come (its upstream cursor is never shown)
     * @param backfillProgress the share of {@code [backfill.start, highWaterMark]} read so far: 1 when done
     * @param ratePerHour estimated public posts an hour
     * @param nextDueAt when the planner captures it next
     * @param pagesSpent feed pages read since the target exists; {@code callsSpent} upstream calls
     * @param openGaps how many of its gaps are open
     * @param expectedShare the planner's outlook: share of the expected posts its budget reads (1 = all)
     * @param plannedShortfall {@code 1 - expectedShare}: the share of its posts the planner expects to miss
     * @param underCovered true when the planner expects to miss posts, {@code underCoveredReason} says which budget
     */
    public record PlatformCoverage(
            String platform,
            Mark highWaterMark,
            Instant coveredSince,
            Backfill backfill,
            Double backfillProgress,
            Double ratePerHour,
            Instant lastCaptureAt,
            Instant nextDueAt,
            Long intervalSeconds,
            long pagesSpent,
            long callsSpent,
            int openGaps,
            Double expectedShare,
            Double plannedShortfall,
            Boolean underCovered,
            String underCoveredReason,
            Instant plannedAt) {

        static PlatformCoverage of(TargetCoverageDocument ledger) {
            var plan = ledger.plan();
            return new PlatformCoverage(
                    ledger.platform().key(),
                    Mark.of(ledger.highWaterMark()),
                    ledger.coveredSince(),
                    Backfill.of(ledger.backfill()),
                    backfillProgress(ledger),
                    ledger.ratePerHour(),
                    ledger.lastCaptureAt(),
                    ledger.nextDueAt(),
                    ledger.intervalSeconds(),
                    ledger.pagesSpent(),
                    ledger.callsSpent(),
                    ledger.openGaps(),
                    plan == null ? null : plan.expectedShare(),
                    plan == null ? null : Math.max(0, 1 - plan.expectedShare()),
                    plan == null ? null : plan.underCovered(),
                    plan == null ? null : plan.reason(),
                    plan == null ? null : plan.plannedAt());
        }

        /** Whether this platform's capture misses something: never captured, open gaps, or planned short. */
        boolean incomplete() {
            return coveredSince == null || lastCaptureAt == null || openGaps > 0 || Boolean.TRUE.equals(underCovered);
        }

        static Double backfillProgress(TargetCoverageDocument ledger) {
            var backfill = ledger.backfill();
            if (backfill == null) {
                return null;
            }
            if (backfill.done()) {
                return 1.0;
            }
            if (backfill.reached() == null
                    || backfill.start() == null
                    || ledger.highWaterMark() == null
                    || ledger.highWaterMark().publishedAt() == null) {
                return 0.0;
            }
            Instant newest = ledger.highWaterMark().publishedAt();
            long range = Duration.between(backfill.start(), newest).toMillis();
            if (range <= 0) {
                return 1.0;
            }
            double read = Duration.between(backfill.reached(), newest).toMillis() / (double) range;
            return Math.max(0, Math.min(1, read));
        }
    }

    /**
     * The newest post captured: {@code publishedAt} its time, {@code postId} its id. The stored ledger names these in
     * snake_case (the index contract); the API names every field in camelCase, these too.
     */
    public record Mark(Instant publishedAt, String postId) {

        static Mark of(TargetCoverageDocument.Mark stored) {
            return stored == null ? null : new Mark(stored.publishedAt(), stored.postId());
        }
    }

    /**
     * Reading back to the target's start: {@code reached} the oldest post time read so far, {@code pages} spent on it.
     * The upstream cursor the ingestor resumes from is its business, and may carry session state: never shown.
     */
    public record Backfill(Instant start, Instant reached, boolean done, long pages) {

        static Backfill of(TargetCoverageDocument.Backfill stored) {
            return stored == null
                    ? null
                    : new Backfill(stored.start(), stored.reached(), stored.done(), stored.pages());
        }
    }

    /**
     * A gap: {@code [from, to)} of post times not read, why, and whether a later walk read it after all.
     *
     * @param estimatedPosts the rate at the time times the range: how many posts it may hold; null without a rate
     * @param part the part of the platform whose reading left the gap (a Mastodon server, {@code mastodon.social});
     *     null when the gap is the whole platform's
     */
    public record GapEntry(
            String platform,
            Instant from,
            @Schema(
                            description =
                                    "end of the unread range, exclusive; a gap partly re-read is narrowed to what is still"
                                            + " unread")
                    Instant to,
            @Schema(
                            description = "why it was not read",
                            allowableValues = {
                                "page_budget",
                                "account_budget",
                                "upstream_failure",
                                "api_window",
                                "store_unavailable"
                            })
                    String reason,
            @Schema(
                            description = "open, or filled once a later capture re-read the range (web and legacy feeds"
                                    + " page back to it; api_window gaps stay open); a filled gap counts as covered",
                            allowableValues = {"open", "filled"})
                    String status,
            Instant detectedAt,
            @Schema(description = "when a later capture filled it; null while open") Instant closedAt,
            Long estimatedPosts,
            String detail,
            String part) {}
}
