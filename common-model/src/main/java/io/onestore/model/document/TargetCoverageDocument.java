package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * The coverage ledger of one target on one platform, in the {@code target-coverage} alias, written only by the
 * ingestor replica that holds the target's lease. It lives beside the target document rather than in it, so the
 * ledger written every cycle never races the lease and campaign updates of the target (both optimistic-concurrency
 * writes on the target document).
 *
 * <p>Coverage of the target is complete on {@code [coveredSince, highWaterMark.publishedAt]} except for the open gaps
 * of the target in the {@code coverage-gaps} alias.
 *
 * @param highWaterMark the newest post the capture has seen; null before the first post
 * @param coveredSince the oldest post time from which the capture has read the feed continuously (gaps apart); the
 *     first capture's oldest post until back-fill reaches further
 * @param backfill how far reading back to the target's start has come; null when there is nothing to back-fill
 * @param ratePerHour estimated public posts per hour, from what the capture read (the planner's input)
 * @param lastCaptureAt when a capture of the target last finished
 * @param nextDueAt when the planner will capture it next
 * @param intervalSeconds the planner's interval for it
 * @param pagesSpent feed pages read for this target since it was created
 * @param callsSpent upstream calls spent for this target (pages, searches, retries)
 * @param openGaps how many of its gaps are open
 * @param plan the planner's outlook: the share of the target's expected posts its budget lets it read
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetCoverageDocument(
        String targetId,
        TargetDocument.Kind kind,
        String value,
        Platform platform,
        Mark highWaterMark,
        Instant coveredSince,
        Backfill backfill,
        Double ratePerHour,
        Instant lastCaptureAt,
        Instant nextDueAt,
        Long intervalSeconds,
        long pagesSpent,
        long callsSpent,
        int openGaps,
        Plan plan,
        Instant updatedAt) {

    public String id() {
        return DocumentIds.targetCoverage(targetId, platform);
    }

    /**
     * A position in a feed: a post's time and id. Feeds are only roughly in date order, so both are kept: the time
     * decides what is old, the id recognises the very post.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Mark(Instant publishedAt, String postId) {}

    /**
     * Reading back to {@code start}: {@code cursor} is the upstream's opaque page cursor where the next back-fill page
     * starts (stored, not indexed), {@code reached} the oldest post time read so far.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Backfill(Instant start, Instant reached, String cursor, boolean done, long pages) {}

    /**
     * The planner's outlook for the target: {@code expectedShare} of its expected posts fit its budget (1 = all);
     * {@code underCovered} when less than all do, {@code reason} saying which budget is short.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Plan(double expectedShare, boolean underCovered, String reason, Instant plannedAt) {}
}
