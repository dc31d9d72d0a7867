package io.onestore.query.insight.influencer;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.onestore.model.document.ProfileSnapshotDocument;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Each candidate's follower count and growth, read from the profile snapshots (the ranking's second round trip). */
final class ProfileFollowers {

    /**
     * @param followers of the newest snapshot captured before the window's end, else of the first captured after it
     * @param capturedAt when that snapshot was taken
     * @param growth {@code followers} minus the first snapshot's in the window; null when that is the same snapshot or
     *     the followers come from after the window
     * @param username the snapshot's: a Bluesky author's handle, which the stream's posts do not carry
     */
    record Followers(long followers, Instant capturedAt, Long growth, String username) {}

    private ProfileFollowers() {}

    /**
     * The answer of {@link InfluencerQuery#followers} by {@link #key(String, String)}; authors without a snapshot are
     * absent.
     */
    static Map<String, Followers> of(SearchResponse<Void> response) {
        Map<String, Followers> followers = new HashMap<>();
        for (StringTermsBucket user : response.aggregations()
                .get(InfluencerQuery.USERS)
                .sterms()
                .buckets()
                .array()) {
            for (StringTermsBucket platform : user.aggregations()
                    .get(InfluencerQuery.PLATFORMS)
                    .sterms()
                    .buckets()
                    .array()) {
                Map<String, Aggregate> aggs = platform.aggregations();
                ProfileSnapshotDocument latest = first(aggs, InfluencerQuery.BEFORE_END, InfluencerQuery.LATEST);
                ProfileSnapshotDocument earliest = first(aggs, InfluencerQuery.IN_WINDOW, InfluencerQuery.EARLIEST);
                // Nothing before the window's end (the author was enriched after it): the snapshot nearest to it.
                ProfileSnapshotDocument nearest =
                        latest != null ? latest : first(aggs, InfluencerQuery.AFTER_END, InfluencerQuery.EARLIEST);
                if (nearest == null || nearest.followers() == null) {
                    continue;
                }
                Long growth = latest == null
                                || earliest == null
                                || earliest.followers() == null
                                || !earliest.capturedAt().isBefore(latest.capturedAt())
                        ? null
                        : latest.followers() - earliest.followers();
                followers.put(
                        key(platform.key().stringValue(), user.key().stringValue()),
                        new Followers(nearest.followers(), nearest.capturedAt(), growth, nearest.username()));
            }
        }
        return followers;
    }

    static String key(String platform, String username) {
        return platform + "/" + username.toLowerCase(Locale.ROOT);
    }

    private static ProfileSnapshotDocument first(Map<String, Aggregate> aggs, String filter, String snapshot) {
        List<Hit<JsonData>> hits = aggs.get(filter)
                .filter()
                .aggregations()
                .get(snapshot)
                .topHits()
                .hits()
                .hits();
        return hits.isEmpty() ? null : hits.get(0).source().to(ProfileSnapshotDocument.class);
    }
}
