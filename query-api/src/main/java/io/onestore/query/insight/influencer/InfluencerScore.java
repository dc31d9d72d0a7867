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
     * Mean of {@code (likes + comments) / followers} over the given posts (the author's latest), leaving out posts
     * whose likes are hidden or unknown: counting them as 0 would punish authors for hiding likes. Null when the
     * followers are unknown or 0, or no post has known likes.
     */
    static Double engagementRate(List<PostDocument> latestPosts, Long followers) {
        if (followers == null || followers <= 0) {
            return null;
        }
        double sum = 0;
        int counted = 0;
        for (PostDocument post : latestPosts) {
            if (post.likesHidden() || post.likes() == null || post.likes() < 0) {
                continue;
            }
            long comments = post.comments() == null || post.comments() < 0 ? 0 : post.comments();
            sum += (post.likes() + comments) / (double) followers;
            counted++;
        }
        return counted == 0 ? null : sum / counted;
    }
}
