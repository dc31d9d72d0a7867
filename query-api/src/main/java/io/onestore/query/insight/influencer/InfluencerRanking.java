package io.onestore.query.insight.influencer;

import io.onestore.query.coverage.Coverage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * Authors around some hashtags, best score first. Formulas: docs/insights.md#influencers.
 *
 * @param postsWithoutAuthor posts of the hashtags in the window that carry no author (Graph API hashtag media), which
 *     no ranking can attribute
 * @param notice why the ranking is empty or partial when authors are hidden; null when nothing is hidden
 * @param ownedExcluded the owned accounts (configured, and the campaign's handles) left out of the ranking; empty
 *     with {@code includeOwned=true}
 * @param potentialReach the sum of the listed authors' reach estimates
 * @param coverage how completely capture covers the hashtags over the window (docs/coverage.md)
 */
public record InfluencerRanking(
        List<String> hashtags,
        Instant from,
        Instant to,
        List<Influencer> influencers,
        @Schema(description = "posts of the hashtags in the window without an author (Graph API hashtag media)")
                long postsWithoutAuthor,
        @Schema(
                        description = "why authors are missing from the ranking, and how many of the listed"
                                + " authors' posts have no known engagement; null when none is")
                String notice,
        @Schema(description = "owned accounts left out (includeOwned=false)") List<String> ownedExcluded,
        @Schema(description = "sum of the listed authors' reach estimates: an estimate, never a measured reach")
                PotentialReach potentialReach,
        Coverage coverage) {

    /**
     * @param followers from the author's latest profile snapshot, else as captured with their latest post that had
     *     it; null when unknown (then the engagement rate and the reach are null too)
     * @param followersSource {@code profile} (a profile snapshot: the author was enriched or is a target) or
     *     {@code post} (as a post carried it), null when unknown
     * @param followersCapturedAt when the profile snapshot was taken; null for {@code post}
     * @param followerGrowth followers now minus followers at the first snapshot in the window; null with fewer than
     *     two snapshots
     * @param followersNote why the followers are unknown (not enriched yet; Graph business discovery covers
     *     professional accounts only), null when known
     * @param engagementRate {@code (likes + comments) / followers} averaged over the author's latest posts whose likes
     *     are known, a fraction (0.05 = 5 %)
     * @param engagementRatePosts the posts that rate averages over (at most 12)
     * @param estimatedReach potential reach of a typical post (docs/insights.md#reach-estimate), an estimate, never a
     *     measured reach; null when followers are unknown or the platform has no published factor
     * @param owned whether the author is an owned account (only listed with {@code includeOwned=true})
     * @param totalEngagement the sum of the known engagement of the author's posts in the window; null when none of
     *     them has a known engagement (never 0 in disguise)
     * @param postsWithUnknownEngagement posts whose engagement is unknown (none of likes, comments, shares known: a
     *     back-filled Bluesky post, docs/open-networks.md), left out of the total and the median, never counted as 0
     * @param medianEngagement the median engagement of the posts whose engagement is known; null when none is
     * @param score median engagement per post × log2(1 + posts); 0 when the median is unknown
     */
    public record Influencer(
            int rank,
            String authorId,
            String username,
            String platform,
            long posts,
            @Schema(
                            description = "sum of the known engagement of the posts (absent counts add nothing); null"
                                    + " when no post's engagement is known")
                    Long totalEngagement,
            @Schema(description = "posts whose engagement is unknown, left out of the total and the median")
                    long postsWithUnknownEngagement,
            @Schema(description = "median engagement of the posts whose engagement is known; null when none is")
                    Double medianEngagement,
            Long followers,
            @Schema(description = "profile (a profile snapshot) or post (as a post carried it); null when unknown")
                    String followersSource,
            @Schema(
                            description = "(likes + comments) / followers averaged over the latest 12 posts with known"
                                    + " likes, a fraction (0.05 = 5 %)")
                    Double engagementRate,
            @Schema(description = "median engagement per post × log2(1 + posts)") double score,
            @Schema(description = "when the profile snapshot of the followers was taken") Instant followersCapturedAt,
            @Schema(description = "followers now minus at the first snapshot in the window") Long followerGrowth,
            @Schema(description = "why the followers are unknown; null when known") String followersNote,
            @Schema(description = "posts the engagement rate averages over") int engagementRatePosts,
            @Schema(
                            description = "potential reach of a typical post, followers × a published visibility factor"
                                    + " (docs/insights.md#reach-estimate): an estimate, never a measured reach")
                    Long estimatedReach,
            @Schema(description = "an owned account, listed with includeOwned=true") boolean owned) {

        Influencer ranked(int rank) {
            return new Influencer(
                    rank,
                    authorId,
                    username,
                    platform,
                    posts,
                    totalEngagement,
                    postsWithUnknownEngagement,
                    medianEngagement,
                    followers,
                    followersSource,
                    engagementRate,
                    score,
                    followersCapturedAt,
                    followerGrowth,
                    followersNote,
                    engagementRatePosts,
                    estimatedReach,
                    owned);
        }
    }

    /**
     * @param estimate the sum of the authors' estimated reach, counting each author once (audiences may overlap, so
     *     this is an upper bound of the people reached by one post each)
     * @param authorsCounted authors whose reach is known and summed
     * @param authorsWithoutEstimate authors left out because their followers are unknown
     * @param method how each estimate is made
     */
    public record PotentialReach(long estimate, int authorsCounted, int authorsWithoutEstimate, String method) {

        static PotentialReach of(List<Influencer> influencers) {
            long sum = 0;
            int counted = 0;
            for (Influencer i : influencers) {
                if (i.estimatedReach() != null) {
                    sum += i.estimatedReach();
                    counted++;
                }
            }
            return new PotentialReach(sum, counted, influencers.size() - counted, ReachEstimate.METHOD);
        }
    }
}
