package io.onestore.query.insight.spike;

import io.onestore.query.coverage.Coverage;
import io.onestore.query.post.PostSummary;
import java.time.Instant;
import java.util.List;

/**
 * Buckets whose post volume or engagement jumped above their trailing baseline (docs/insights.md#spikes).
 *
 * @param spikesWithheld buckets that passed the rule but are not listed because their capture (the bucket or its
 *     trailing baseline) is covered less than a comparison needs: a jump where capture began or a gap ended is an
 *     artifact of capture (docs/coverage.md#refused-comparisons)
 */
public record SpikeReport(
        List<String> hashtags,
        String interval,
        Instant from,
        Instant to,
        double k,
        int trailingBuckets,
        List<Spike> spikes,
        int spikesWithheld,
        Coverage coverage) {

    /**
     * @param triggeredBy {@code posts}, {@code engagement} or both
     * @param topPosts the posts of the bucket with the most engagement: what drove it
     */
    public record Spike(
            Instant start,
            Instant end,
            List<String> triggeredBy,
            Measure posts,
            Measure engagement,
            List<PostSummary> topPosts) {}

    /** @param score (value - baselineMedian) / max(1.4826 × baselineMad, minDeviation) */
    public record Measure(long value, double baselineMedian, double baselineMad, double score) {

        static Measure of(SpikeRule.Measure m) {
            return new Measure(m.value(), m.baselineMedian(), m.baselineMad(), round(m.score()));
        }

        private static double round(double score) {
            return Double.isInfinite(score) ? score : Math.round(score * 10_000) / 10_000.0;
        }
    }
}
