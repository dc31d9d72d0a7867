package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a metered upstream billed for one target on one platform in one UTC day, in the {@code target-spend} alias:
 * today X's reads (it bills per post and user object read and per counts request). The ingestor rewrites the day's
 * document as it spends; the query API sums a month's documents. One document per target, platform and day, so a
 * month is at most 31 of them.
 *
 * @param day the UTC day the reads were billed in (X's billing day)
 * @param posts posts read that day for this target
 * @param users user objects read (a post's author, a profile)
 * @param countRequests counts requests ({@code GET /2/tweets/counts/recent}), each billed as one
 * @param ceiling the ingestor's configured daily ceilings when it wrote the document; null when it has none
 * @param updatedAt when the ingestor last wrote it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetSpendDocument(
        String targetId,
        Platform platform,
        LocalDate day,
        long posts,
        long users,
        long countRequests,
        Ceiling ceiling,
        Instant updatedAt) {

    /** {@code hashtag:nike@x:2026-12-01}. */
    public String id() {
        return DocumentIds.targetCoverage(targetId, platform) + ":" + day;
    }

    /** Daily ceilings, in the unit each counts: the whole day's and one target's. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Ceiling(
            long postsPerDay,
            long usersPerDay,
            long postsPerTargetPerDay,
            long usersPerTargetPerDay,
            long countRequestsPerDay) {}
}
