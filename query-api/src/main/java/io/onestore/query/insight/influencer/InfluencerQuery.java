package io.onestore.query.insight.influencer;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.util.NamedValue;
import io.onestore.query.post.PostFilters;
import io.onestore.query.request.TimeWindow;
import java.util.List;

/**
 * The two searches of an influencer ranking: candidates over posts (authors by total engagement, with their median
 * engagement and latest posts), then the latest follower count of each candidate over profile snapshots.
 */
final class InfluencerQuery {

    static final String AUTHORS = "authors";
    static final String ENGAGEMENT = "engagement";
    static final String MEDIAN = "median";
    static final String LATEST = "latest";
    static final String USERS = "users";
    static final String PLATFORMS = "platforms";

    private InfluencerQuery() {}

    /** Up to {@code candidates} authors by total engagement (ties by author id, so the cut is deterministic). */
    static SearchRequest candidates(
            String postsIndex, List<String> hashtags, TimeWindow window, int candidates, int latestPosts) {
        return SearchRequest.of(s -> s.index(postsIndex)
                .size(0)
                .query(PostFilters.all(
                        PostFilters.hashtags(hashtags), PostFilters.published(window), PostFilters.exists("author.id")))
                .aggregations(AUTHORS, a -> a.terms(t -> t.field("author.id")
                                .size(candidates)
                                .order(List.of(
                                        NamedValue.of(ENGAGEMENT, SortOrder.Desc),
                                        NamedValue.of("_key", SortOrder.Asc))))
                        .aggregations(ENGAGEMENT, e -> e.sum(m -> m.field("engagement")))
                        .aggregations(
                                MEDIAN,
                                m -> m.percentiles(p ->
                                        p.field("engagement").percents(50.0).keyed(false)))
                        .aggregations(
                                LATEST,
                                l -> l.topHits(h -> h.size(latestPosts)
                                        .sort(o -> o.field(f -> f.field(PostFilters.PUBLISHED_AT)
                                                .order(SortOrder.Desc)))
                                        .source(src -> src.filter(f -> f.includes(
                                                "platform",
                                                "author",
                                                "likes",
                                                "comments",
                                                "likes_hidden",
                                                "published_at")))))));
    }

    /** The newest snapshot with a follower count of each username, per platform. */
    static SearchRequest followers(String profilesIndex, List<String> usernames) {
        return SearchRequest.of(s -> s.index(profilesIndex)
                .size(0)
                .query(PostFilters.all(PostFilters.terms("username", usernames), PostFilters.exists("followers")))
                .aggregations(USERS, a -> a.terms(t -> t.field("username").size(usernames.size()))
                        .aggregations(
                                PLATFORMS, p -> p.terms(t -> t.field("platform").size(10))
                                        .aggregations(
                                                LATEST,
                                                l -> l.topHits(h -> h.size(1)
                                                        .sort(o -> o.field(f -> f.field("captured_at")
                                                                .order(SortOrder.Desc)))
                                                        .source(src -> src.filter(f ->
                                                                f.includes("platform", "username", "followers"))))))));
    }
}
