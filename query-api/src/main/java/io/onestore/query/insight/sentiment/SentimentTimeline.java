package io.onestore.query.insight.sentiment;

import io.onestore.query.coverage.Coverage;
import io.onestore.query.post.PostSummary;
import java.time.Instant;
import java.util.List;

/**
 * Sentiment of the posts around some hashtags, per bucket. Posts without a caption have no sentiment and are not
 * counted. Labels use VADER's thresholds: positive ≥ 0.05, negative ≤ -0.05 (docs/insights.md#sentiment).
 */
public record SentimentTimeline(
        List<String> hashtags,
        String interval,
        Instant from,
        Instant to,
        Bucket overall,
        List<Bucket> buckets,
        Coverage coverage) {

    /**
     * @param meanCompound null for a bucket without scored posts
     * @param mostPositive the highest-scoring positive post, null when there is none
     * @param mostNegative the lowest-scoring negative post, null when there is none
     */
    public record Bucket(
            Instant start,
            long posts,
            Double meanCompound,
            long positive,
            long neutral,
            long negative,
            PostSummary mostPositive,
            PostSummary mostNegative) {}
}
