package io.onestore.query.targets;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.onestore.model.document.TargetSpendDocument;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * What a metered upstream billed for one target on one platform, today and this month (UTC), as the ingestor recorded
 * it in {@code target-spend}, against the ingestor's daily ceilings. Each platform shows its own units and only those
 * (the others are absent, never 0):
 *
 * <ul>
 *   <li>{@code x}: posts, user objects and counts requests read ({@code postsToday}, {@code usersToday}, {@code
 *       countRequestsToday} and their {@code …ThisMonth});
 *   <li>{@code tiktok}: Research API requests sent and records returned for this target ({@code requestsToday}, {@code
 *       recordsToday}, {@code requestsThisMonth}, {@code recordsThisMonth}); the ceiling is the research client's daily
 *       quotas, shared by all its targets.
 * </ul>
 *
 * The ingestor writes it every few seconds and at the end of each capture, so it may trail the last reads by that.
 *
 * @param day today (UTC; X's billing day, and TikTok's quotas reset at its start)
 * @param month this month (UTC), {@code yyyy-MM}; a month's figures are its days up to now summed
 * @param ceiling the daily ceilings the ingestor enforces, as it last wrote them; null when it wrote none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetSpend(
        String platform,
        LocalDate day,
        Long postsToday,
        Long usersToday,
        Long countRequestsToday,
        Long requestsToday,
        Long recordsToday,
        YearMonth month,
        Long postsThisMonth,
        Long usersThisMonth,
        Long countRequestsThisMonth,
        Long requestsThisMonth,
        Long recordsThisMonth,
        Ceiling ceiling) {

    /**
     * Daily ceilings, each in its unit and present where the platform has it. X: for all targets together ({@code
     * postsPerDay}, {@code usersPerDay}, {@code countRequestsPerDay}) and for each target ({@code
     * postsPerTargetPerDay}, {@code usersPerTargetPerDay}). TikTok: the research client's quotas for all its targets
     * together ({@code requestsPerDay}, {@code recordsPerDay}; TikTok's are 1,000 and 100,000). The ingestor never
     * reads past them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ceiling(
            Long postsPerDay,
            Long usersPerDay,
            Long postsPerTargetPerDay,
            Long usersPerTargetPerDay,
            Long countRequestsPerDay,
            Long requestsPerDay,
            Long recordsPerDay) {

        static Ceiling of(TargetSpendDocument.Ceiling stored) {
            return stored == null
                    ? null
                    : new Ceiling(
                            stored.postsPerDay(),
                            stored.usersPerDay(),
                            stored.postsPerTargetPerDay(),
                            stored.usersPerTargetPerDay(),
                            stored.countRequestsPerDay(),
                            stored.requestsPerDay(),
                            stored.recordsPerDay());
        }
    }
}
