package io.onestore.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/** The influencer figures computed by hand from the simulator's truth, as docs/insights.md defines them. */
final class InfluencerTruth {

    /** An author's true followers and engagement rate over their latest 12 posts, and the posts it counts. */
    record Expected(long followers, Double engagementRate, int postsCounted) {}

    private InfluencerTruth() {}

    /** From {@code /__truth/profiles/{handle}/posts}: hidden likes left out of both the sum and the count. */
    static Expected of(JsonNode truth) {
        long followers = truth.get("followers").asLong();
        long sum = 0;
        int counted = 0;
        for (JsonNode post : truth.get("posts")) {
            if (post.get("likes_hidden").asBoolean()) {
                continue;
            }
            sum += post.get("likes").asLong() + post.get("comments").asLong();
            counted++;
        }
        Double rate = counted == 0 || followers == 0 ? null : sum / ((double) counted * followers);
        return new Expected(followers, rate, counted);
    }
}
