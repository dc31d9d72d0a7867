package io.onestore.query.insight.influencer;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.util.NamedValue;
import co.elastic.clients.util.ObjectBuilder;
import io.onestore.query.post.PostFilters;
import io.onestore.query.request.TimeWindow;
import java.time.Instant;
import java.util.List;

/**
 * The three searches of an influencer ranking: candidates over posts (authors by total engagement, with their median
 * engagement and latest posts in the window, and how many posts carry no author at all), the profile snapshots of
 * the candidates (latest follower count, and the earliest in the window for the growth), and the latest posts of
 * the ranked authors whatever their tags (the engagement rate's posts).
 */
final class InfluencerQuery {

    static final String AUTHORS = "authors";
    static final String ENGAGEMENT = "engagement";
    static final String MEDIAN = "median";
    static final String LATEST = "latest";
    static final String EARLIEST = "earliest";
    static final String IN_WINDOW = "in_window";
    static final String BEFORE_END = "before_end";
    static final String AFTER_END = "after_end";
    static final String USERS = "users";
    static final String PLATFORMS = "platforms";
    static final String WITHOUT_AUTHOR = "without_author";

    private static final String AUTHOR_ID = "author.id";
    private static final String CAPTURED_AT = "captured_at";
    private static final String[] POST_FIELDS = {
        "platform", "author", "likes", "comments", "likes_hidden", "published_at", "source"
    };

    private InfluencerQuery() {}

    /**
     * Up to {@code candidates} authors by total engagement (ties by author id, so the cut is deterministic), and the
     * number of matching posts without an author (Graph API hashtag media), which the terms aggregation skips.
     * {@code platforms} empty: every platform.
     */
    static SearchRequest candidates(
            String postsIndex,
            List<String> hashtags,
            List<String> platforms,
            TimeWindow window,
            int candidates,
            int latestPosts) {
        Query filter = platforms.isEmpty()
                ? PostFilters.all(PostFilters.hashtags(hashtags), PostFilters.published(window))
                : PostFilters.all(
                        PostFilters.hashtags(hashtags),
                        PostFilters.terms("platform", platforms),
                        PostFilters.published(window));
        return SearchRequest.of(s -> s.index(postsIndex)
                .size(0)
                .query(filter)
                .aggregations(WITHOUT_AUTHOR, a -> a.missing(m -> m.field(AUTHOR_ID)))
                .aggregations(AUTHORS, a -> a.terms(t -> t.field(AUTHOR_ID)
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
                                        .source(src -> src.filter(f -> f.includes(List.of(POST_FIELDS))))))));
    }

    /**
     * Per username and platform: the newest snapshot with a follower count captured before {@code to}, the oldest one
     * captured in the window (the start of the follower growth), and the oldest one captured at or after {@code to}.
     * The last stands in when nothing was captured before {@code to}: enrichment profiles an author after their posts
     * are captured, so for a window that has ended the only snapshot can be later than the window.
     */
    static SearchRequest followers(String profilesIndex, List<String> usernames, TimeWindow window) {
        return SearchRequest.of(s -> s.index(profilesIndex)
                .size(0)
                .query(PostFilters.all(PostFilters.terms("username", usernames), PostFilters.exists("followers")))
                .aggregations(USERS, a -> a.terms(t -> t.field("username").size(usernames.size()))
                        .aggregations(
                                PLATFORMS, p -> p.terms(t -> t.field("platform").size(10))
                                        .aggregations(BEFORE_END, b -> b.filter(
                                                        PostFilters.range(CAPTURED_AT, Instant.EPOCH, window.to()))
                                                .aggregations(LATEST, l -> snapshot(l, SortOrder.Desc)))
                                        .aggregations(IN_WINDOW, w -> w.filter(
                                                        PostFilters.range(CAPTURED_AT, window.from(), window.to()))
                                                .aggregations(EARLIEST, e -> snapshot(e, SortOrder.Asc)))
                                        .aggregations(AFTER_END, f -> f.filter(capturedSince(window.to()))
                                                .aggregations(EARLIEST, e -> snapshot(e, SortOrder.Asc))))));
    }

    private static Query capturedSince(Instant from) {
        return Query.of(q -> q.range(r -> r.date(d ->
                d.field(CAPTURED_AT).gte(Long.toString(from.toEpochMilli())).format("epoch_millis"))));
    }

    private static ObjectBuilder<Aggregation> snapshot(Aggregation.Builder agg, SortOrder order) {
        return agg.topHits(h -> h.size(1)
                .sort(o -> o.field(f -> f.field(CAPTURED_AT).order(order)))
                .source(src ->
                        src.filter(f -> f.includes("platform", "username", "followers", CAPTURED_AT, "source"))));
    }

    /**
     * The latest {@code latestPosts} posts of each author published before {@code to}, whatever their tags: the posts
     * an engagement rate is computed over, as commercial tools do (the profile's latest posts, not only the tagged).
     */
    static SearchRequest latestPosts(String postsIndex, List<String> authorIds, Instant to, int latestPosts) {
        return SearchRequest.of(s -> s.index(postsIndex)
                .size(0)
                .query(PostFilters.all(
                        PostFilters.terms(AUTHOR_ID, authorIds),
                        PostFilters.range(PostFilters.PUBLISHED_AT, Instant.EPOCH, to)))
                .aggregations(AUTHORS, a -> a.terms(t -> t.field(AUTHOR_ID).size(authorIds.size()))
                        .aggregations(
                                LATEST,
                                l -> l.topHits(h -> h.size(latestPosts)
                                        .sort(o -> o.field(f -> f.field(PostFilters.PUBLISHED_AT)
                                                .order(SortOrder.Desc)))
                                        .source(src -> src.filter(f -> f.includes(List.of(POST_FIELDS))))))));
    }
}
