package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a metered upstream billed for one target on one platform in one UTC day, in the {@code target-spend} alias. Each
 * platform counts in its own units, and a document carries only its platform's (the others are absent, never 0):
 *
 * <ul>
 *   <li>{@code x}: posts and user objects read and counts requests sent (X bills each);
 *   <li>{@code tiktok}: Research API requests sent and records (videos, user infos) returned, the two units of the
 *       research client's daily quotas.
 * </ul>
 *
 * The ingestor rewrites the day's document as it spends; the query API sums a month's documents. One document per
 * target, platform and day, so a month is at most 31 of them.
 *
 * @param day the UTC day the reads were billed in (X's billing day; TikTok's quotas reset at 00:00 UTC too)
 * @param posts X: posts read that day for this target
 * @param users X: user objects read (a post's author, a profile)
 * @param countRequests X: counts requests ({@code GET /2/tweets/counts/recent}), each billed as one
 * @param requests TikTok: requests sent for this target (video query pages, user info), each one of the day's
 *     request quota whatever came back
 * @param records TikTok: records the requests returned (videos, and one per user info), counted against the record
 *     quota
 * @param ceiling the ingestor's configured daily ceilings when it wrote the document; null when it has none
 * @param updatedAt when the ingestor last wrote it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetSpendDocument(
        String targetId,
        Platform platform,
        LocalDate day,
        Long posts,
        Long users,
        Long countRequests,
        Long requests,
        Long records,
        Ceiling ceiling,
        Instant updatedAt) {

    /** An X day: posts, users and counts requests. */
    public static TargetSpendDocument x(
            String targetId,
            LocalDate day,
            long posts,
            long users,
            long countRequests,
            Ceiling ceiling,
            Instant updatedAt) {
        return new TargetSpendDocument(
                targetId, Platform.X, day, posts, users, countRequests, null, null, ceiling, updatedAt);
    }

    /** A TikTok day: Research API requests and records. */
    public static TargetSpendDocument tiktok(
            String targetId, LocalDate day, long requests, long records, Ceiling ceiling, Instant updatedAt) {
        return new TargetSpendDocument(
                targetId, Platform.TIKTOK, day, null, null, null, requests, records, ceiling, updatedAt);
    }

    /** {@code hashtag:nike@x:2026-12-01}. */
    public static String idOf(String targetId, Platform platform, LocalDate day) {
        return DocumentIds.targetCoverage(targetId, platform) + ":" + day;
    }

    /** {@code hashtag:nike@x:2026-12-01}. */
    public String id() {
        return idOf(targetId, platform, day);
    }

    /**
     * Daily ceilings, in the unit each counts, absent where the platform has none. X: the whole day's and one
     * target's posts and users, and the day's counts requests (the ingestor's {@code onestore.sources.x.spend.*}).
     * TikTok: the research client's requests and records a day, for all its targets together (TikTok's quotas, as
     * {@code onestore.sources.tiktok.requests-per-day|records-per-day} configures them); there is no per-target one.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ceiling(
            Long postsPerDay,
            Long usersPerDay,
            Long postsPerTargetPerDay,
            Long usersPerTargetPerDay,
            Long countRequestsPerDay,
            Long requestsPerDay,
            Long recordsPerDay) {

        public static Ceiling x(
                long postsPerDay,
                long usersPerDay,
                long postsPerTargetPerDay,
                long usersPerTargetPerDay,
                long countRequestsPerDay) {
            return new Ceiling(
                    postsPerDay,
                    usersPerDay,
                    postsPerTargetPerDay,
                    usersPerTargetPerDay,
                    countRequestsPerDay,
                    null,
                    null);
        }

        public static Ceiling tiktok(long requestsPerDay, long recordsPerDay) {
            return new Ceiling(null, null, null, null, null, requestsPerDay, recordsPerDay);
        }
    }
}
