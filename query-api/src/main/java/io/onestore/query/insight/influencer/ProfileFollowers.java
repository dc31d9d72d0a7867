package io.onestore.query.insight.influencer;

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
     * @param followers of the newest snapshot captured before the window's end
     * @param capturedAt when that snapshot was taken
     * @param growth {@code followers} minus the first snapshot's in the window; null when that is the same snapshot
     */
    record Followers(long followers, Instant capturedAt, Long growth) {}

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
                ProfileSnapshotDocument latest = first(platform.aggregations()
                        .get(InfluencerQuery.LATEST)
                        .topHits()
                        .hits()
                        .hits());
                ProfileSnapshotDocument earliest = first(platform.aggregations()
                        .get(InfluencerQuery.IN_WINDOW)
                        .filter()
                        .aggregations()
                        .get(InfluencerQuery.EARLIEST)
                        .topHits()
                        .hits()
                        .hits());
                if (latest == null || latest.followers() == null) {
                    continue;
                }
                Long growth = earliest == null
                                || earliest.followers() == null
                                || !earliest.capturedAt().isBefore(latest.capturedAt())
                        ? null
                        : latest.followers() - earliest.followers();
                followers.put(
                        key(platform.key().stringValue(), user.key().stringValue()),
                        new Followers(latest.followers(), latest.capturedAt(), growth));
            }
        }
        return followers;
    }

    static String key(String platform, String username) {
        return platform + "/" + username.toLowerCase(Locale.ROOT);
    }

    private static ProfileSnapshotDocument first(List<Hit<JsonData>> hits) {
        return hits.isEmpty() ? null : hits.get(0).source().to(ProfileSnapshotDocument.class);
    }
}
