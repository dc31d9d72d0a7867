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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The three searches of an influencer ranking: candidates over posts (authors by total engagement, with their median
 * engagement and how many of their posts have it known, and how many posts carry no author at all), the ranked authors' latest posts (whatever their tags, for
 * the engagement rate, and those in the window, for who they are), and the profile snapshots of the ranked authors
 * (latest follower count, and the earliest in the window for the growth).
 */
final class InfluencerQuery {

    static final String AUTHORS = "authors";
    static final String ENGAGEMENT = "engagement";
    static final String MEDIAN = "median";
    /** Posts whose engagement is known: the field is absent when none of likes, comments and shares is. */
    static final String KNOWN_ENGAGEMENT = "known_engagement";

    static final String LATEST = "latest";
    static final String EARLIEST = "earliest";
    static final String IN_WINDOW = "in_window";
    static final String BEFORE_END = "before_end";
    static final String AFTER_END = "after_end";
    static final String USERS = "users";
    static final String PLATFORMS = "platforms";
    static final String HANDLES = "handles";
    static final String WITHOUT_AUTHOR = "without_author";
    static final String UNLISTED = "unlisted";

    private static final String AUTHOR_ID = "author.id";
    private static final String CAPTURED_AT = "captured_at";
    // Only the source fields each search's posts are read for: a post's whole source is ten times as large.
    private static final List<String> USERNAME_FIELDS = List.of("author.username");
    private static final List<String> RATE_FIELDS = List.of("likes", "comments", "likes_hidden");
    private static final List<String> AUTHOR_FIELDS = List.of(
            "platform",
            "author.id",
            "author.username",
            "author.followers",
            "source",
            "likes",
            "comments",
            "likes_hidden");

    private InfluencerQuery() {}

    /**
     * Up to {@code candidates} authors by total engagement (ties by posts, then by author id, so the cut is
     * deterministic and authors whose engagement is unknown are cut by how much they post), and the
     * number of matching posts without an author (Graph API hashtag media), which the terms aggregation skips. Only
     * with {@code usernames}: each candidate's latest posts in the window, carrying nothing but the username (what
     * leaving out the owned accounts needs before the ranking). {@code platforms} empty: every platform.
     */
    static SearchRequest candidates(
            String postsIndex,
            List<String> hashtags,
            List<String> platforms,
            TimeWindow window,
            int candidates,
            int latestPosts,
            boolean usernames) {
        return SearchRequest.of(s -> s.index(postsIndex)
                .size(0)
                .query(inWindow(hashtags, platforms, window))
                .aggregations(WITHOUT_AUTHOR, a -> a.missing(m -> m.field(AUTHOR_ID)))
                .aggregations(AUTHORS, a -> {
                    var terms = a.terms(t -> t.field(AUTHOR_ID)
                                    .size(candidates)
                                    .order(List.of(
                                            NamedValue.of(ENGAGEMENT, SortOrder.Desc),
                                            NamedValue.of("_count", SortOrder.Desc),
                                            NamedValue.of("_key", SortOrder.Asc))))
                            .aggregations(ENGAGEMENT, e -> e.sum(m -> m.field("engagement")))
                            .aggregations(KNOWN_ENGAGEMENT, e -> e.valueCount(m -> m.field("engagement")))
                            .aggregations(
                                    MEDIAN,
                                    m -> m.percentiles(p ->
                                            p.field("engagement").percents(50.0).keyed(false)));
                    return usernames ? terms.aggregations(LATEST, l -> latest(l, latestPosts, USERNAME_FIELDS)) : terms;
                }));
    }

    private static Query inWindow(List<String> hashtags, List<String> platforms, TimeWindow window) {
        return platforms.isEmpty()
                ? PostFilters.all(PostFilters.hashtags(hashtags), PostFilters.published(window))
                : PostFilters.all(
                        PostFilters.hashtags(hashtags),
                        PostFilters.terms("platform", platforms),
                        PostFilters.published(window));
    }

    /** The latest {@code size} posts by publication, with only {@code fields} of their source. */
    private static ObjectBuilder<Aggregation> latest(Aggregation.Builder agg, int size, List<String> fields) {
        return agg.topHits(h -> h.size(size)
                .sort(o -> o.field(f -> f.field(PostFilters.PUBLISHED_AT).order(SortOrder.Desc)))
                .source(src -> src.filter(f -> f.includes(fields))));
    }

    /**
     * Per username and platform: the newest snapshot with a follower count captured before {@code to}, the oldest one
     * captured in the window (the start of the follower growth), and the oldest one captured at or after {@code to}.
     * The last stands in when nothing was captured before {@code to}: enrichment profiles an author after their posts
     * are captured, so for a window that has ended the only snapshot can be later than the window.
     */
    static SearchRequest followers(String profilesIndex, List<String> usernames, TimeWindow window) {
        return followers(profilesIndex, "username", usernames, window);
    }

    /**
     * The same by another snapshot field: {@code user_id} for authors whose posts carry an id but no username
     * (Bluesky's stream gives the DID only), bucketed by that id.
     */
    static SearchRequest followers(String profilesIndex, String field, List<String> usernames, TimeWindow window) {
        return SearchRequest.of(s -> s.index(profilesIndex)
                .size(0)
                .query(PostFilters.all(PostFilters.terms(field, usernames), PostFilters.exists("followers")))
                .aggregations(USERS, a -> a.terms(t -> t.field(field).size(usernames.size()))
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

    /** The author ids ({@code user_id}) of some usernames on one platform, each with its username. */
    static SearchRequest ownedIds(String profilesIndex, String platform, Collection<String> usernames) {
        return SearchRequest.of(s -> s.index(profilesIndex)
                .size(0)
                .query(PostFilters.all(
                        PostFilters.term("platform", platform), PostFilters.terms("username", List.copyOf(usernames))))
                .aggregations(USERS, a -> a.terms(t -> t.field("user_id").size(Math.max(1, usernames.size() * 4)))
                        .aggregations(
                                HANDLES, h -> h.terms(t -> t.field("username").size(1)))));
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
     * For each listed author: the latest {@code latestPosts} posts published before {@code to}, whatever their tags
     * (the posts an engagement rate is computed over, as commercial tools do: the profile's latest posts, not only the
     * tagged), and, under {@link #IN_WINDOW}, their latest posts that the candidates search matched (where the
     * author's username, platform, follower count as captured and source come from). Under {@link #UNLISTED}, the
     * ranked authors not listed (none in most rankings): their posts in the window only, who they are.
     */
    static SearchRequest ranked(
            String postsIndex,
            List<String> listedIds,
            List<String> unlistedIds,
            List<String> hashtags,
            List<String> platforms,
            TimeWindow window,
            int latestPosts) {
        List<String> authorIds = new ArrayList<>(listedIds);
        authorIds.addAll(unlistedIds);
        return SearchRequest.of(s -> {
            s.index(postsIndex)
                    .size(0)
                    .query(PostFilters.all(
                            PostFilters.terms(AUTHOR_ID, authorIds),
                            PostFilters.range(PostFilters.PUBLISHED_AT, Instant.EPOCH, window.to())))
                    .aggregations(AUTHORS, a -> a.terms(t -> {
                                t.field(AUTHOR_ID).size(listedIds.size());
                                return unlistedIds.isEmpty() ? t : t.include(i -> i.terms(listedIds));
                            })
                            .aggregations(LATEST, l -> latest(l, latestPosts, RATE_FIELDS))
                            .aggregations(IN_WINDOW, w -> inWindowPosts(w, hashtags, platforms, window, latestPosts)));
            if (!unlistedIds.isEmpty()) {
                s.aggregations(UNLISTED, a -> a.terms(
                                t -> t.field(AUTHOR_ID).size(unlistedIds.size()).include(i -> i.terms(unlistedIds)))
                        .aggregations(IN_WINDOW, w -> inWindowPosts(w, hashtags, platforms, window, latestPosts)));
            }
            return s;
        });
    }

    private static ObjectBuilder<Aggregation> inWindowPosts(
            Aggregation.Builder agg, List<String> hashtags, List<String> platforms, TimeWindow window, int size) {
        return agg.filter(inWindow(hashtags, platforms, window))
                .aggregations(LATEST, l -> latest(l, size, AUTHOR_FIELDS));
    }
}
