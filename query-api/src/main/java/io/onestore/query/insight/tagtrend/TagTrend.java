package io.onestore.query.insight.tagtrend;

import io.onestore.query.coverage.Coverage;
import java.time.Instant;
import java.util.List;

/**
 * A hashtag's size over time (the upstream's media count, private posts included) and its growth per interval.
 * docs/insights.md#tag-trend.
 */
public record TagTrend(
        String tag, String platform, String interval, Instant from, Instant to, List<Point> points, Coverage coverage) {

    /**
     * @param mediaCount the last count captured in the bucket; null when nothing was captured (or the upstream does
     *     not say, like the Graph API)
     * @param growth {@code mediaCount} minus the previous known count; null without both
     * @param growthRate {@code growth / previous known count}; null without both or when that count is 0
     */
    public record Point(Instant start, Long mediaCount, Long growth, Double growthRate) {}
}
