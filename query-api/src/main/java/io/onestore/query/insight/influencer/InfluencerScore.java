package io.onestore.query.insight.influencer;

import io.onestore.model.document.PostDocument;
import java.util.List;

/**
 * The formulas of the influencer ranking (docs/insights.md#influencers, with worked examples). Kept apart from the
 * query so the arithmetic can be read, and tested, on its own.
 */
final class InfluencerScore {

    private InfluencerScore() {}

    /**
     * {@code median × log2(1 + posts)}: the typical post's engagement, rewarded for consistency with diminishing
     * returns. It uses no follower count, so Graph API authors (whose followers are unknown) rank too; the median
     * keeps a single viral post from dominating.
     */
    static double score(double medianEngagement, long posts) {
        return medianEngagement * (Math.log1p(posts) / Math.log(2));
    }

    /**
     * An engagement rate and the number of posts it rests on.
     *
     * @param value {@code Σ (likes + comments) / (posts × followers)}, a fraction (0.05 = 5 %); null when it cannot
     *     be computed
     * @param posts the posts counted: the latest ones whose likes are known
     */
    record Rate(Double value, int posts) {}

    /**
     * The engagement rate as commercial tools define it: {@code (likes + comments) / followers} averaged over the
     * author's latest posts (up to 12), leaving out posts whose likes are hidden or unknown from both the sum and the
     * count: counting them as 0 would punish authors for hiding likes. The value is null when the followers are
     * unknown or 0, or no post has known likes; the posts counted are given either way.
     */
    static Rate engagementRate(List<PostDocument> latestPosts, Long followers) {
        long sum = 0;
        int counted = 0;
        for (PostDocument post : latestPosts) {
            if (post.likesHidden() || post.likes() == null || post.likes() < 0) {
                continue;
            }
            long comments = post.comments() == null || post.comments() < 0 ? 0 : post.comments();
            sum += post.likes() + comments;
            counted++;
        }
        if (followers == null || followers <= 0 || counted == 0) {
            return new Rate(null, counted);
        }
        return new Rate(sum / ((double) counted * followers), counted);
    }
}
