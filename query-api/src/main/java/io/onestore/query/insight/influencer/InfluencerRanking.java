package io.onestore.query.insight.influencer;

import io.onestore.query.coverage.Coverage;
import java.time.Instant;
import java.util.List;

/** Authors around some hashtags, best score first. Formulas: docs/insights.md#influencers. */
public record InfluencerRanking(
        List<String> hashtags, Instant from, Instant to, List<Influencer> influencers, Coverage coverage) {

    /**
     * @param followers from the author's latest profile snapshot, else as captured with their latest post that had
     *     it; null when unknown (then the engagement rate is null too)
     * @param followersSource {@code profile} or {@code post}, null when unknown
     * @param engagementRate mean of (likes + comments) / followers over the latest posts whose likes are known
     * @param score median engagement per post × log2(1 + posts)
     */
    public record Influencer(
            int rank,
            String authorId,
            String username,
            String platform,
            long posts,
            long totalEngagement,
            double medianEngagement,
            Long followers,
            String followersSource,
            Double engagementRate,
            double score) {}
}
