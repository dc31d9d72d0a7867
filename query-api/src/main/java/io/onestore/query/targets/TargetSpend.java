package io.onestore.query.targets;

import io.onestore.model.document.TargetSpendDocument;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * What a metered upstream billed for one target on one platform (today X: posts, user objects and counts requests
 * read), today and this month (UTC, X's billing day), as the ingestor recorded it in {@code target-spend}, against
 * the ingestor's daily ceilings. The ingestor writes it every few seconds, so it may trail the last reads by that.
 *
 * @param day today (UTC)
 * @param postsToday posts read today for this target; {@code usersToday} user objects, {@code countRequestsToday}
 *     counts requests
 * @param month this month (UTC), {@code yyyy-MM}
 * @param postsThisMonth posts read this month up to now; likewise users and counts requests
 * @param ceiling the daily ceilings the ingestor enforces, as it last wrote them; null when it wrote none
 */
public record TargetSpend(
        String platform,
        LocalDate day,
        long postsToday,
        long usersToday,
        long countRequestsToday,
        YearMonth month,
        long postsThisMonth,
        long usersThisMonth,
        long countRequestsThisMonth,
        Ceiling ceiling) {

    /**
     * Daily ceilings: for all targets together ({@code postsPerDay}, {@code usersPerDay}, {@code countRequestsPerDay})
     * and for each target ({@code postsPerTargetPerDay}, {@code usersPerTargetPerDay}). The ingestor never reads past
     * them.
     */
    public record Ceiling(
            long postsPerDay,
            long usersPerDay,
            long postsPerTargetPerDay,
            long usersPerTargetPerDay,
            long countRequestsPerDay) {

        static Ceiling of(TargetSpendDocument.Ceiling stored) {
            return stored == null
                    ? null
                    : new Ceiling(
                            stored.postsPerDay(),
                            stored.usersPerDay(),
                            stored.postsPerTargetPerDay(),
                            stored.usersPerTargetPerDay(),
                            stored.countRequestsPerDay());
        }
    }
}
