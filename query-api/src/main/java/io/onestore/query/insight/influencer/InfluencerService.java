package io.onestore.query.insight.influencer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.coverage.CoverageLedgers;
import io.onestore.query.coverage.CoverageService;
import io.onestore.query.request.TimeWindow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Ranks the authors around some hashtags in three round trips: one search over posts (candidates by total
 * engagement and their median engagement), one over the ranked authors' latest posts (who they are, and their
 * engagement rate), one over their profile snapshots (latest follower counts and growth, {@link ProfileFollowers}).
 * Each search asks only for the source fields it reads. The score
 * is computed in Java ({@link InfluencerScore}) because Elasticsearch could only do it with scripts.
 */
@Service
public class InfluencerService {

    private static final int MAX_CANDIDATES = 1000;
    static final String GRAPH_SOURCE = "instagram-graph";

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final CoverageService coverage;
    private final QueryApiProperties.Influencers settings;

    public InfluencerService(
            ElasticsearchClient client, IndexNames names, CoverageService coverage, QueryApiProperties properties) {
        this.client = client;
        this.names = names;
        this.coverage = coverage;
        this.settings = properties.influencers();
    }

    /** The ranking with the configured owned accounts left out. */
    public InfluencerRanking rank(List<String> hashtags, TimeWindow window, int limit) throws IOException {
        return rank(hashtags, window, limit, false);
    }

    /** The ranking with the configured owned accounts left out, or with {@code includeOwned} listed and marked. */
    public InfluencerRanking rank(List<String> hashtags, TimeWindow window, int limit, boolean includeOwned)
            throws IOException {
        return rank(hashtags, window, limit, owned(List.of(), includeOwned));
    }

    /** The ranking on some platforms (keys; empty: every platform), owned accounts as {@code includeOwned} says. */
    public InfluencerRanking rank(
            List<String> hashtags, List<String> platforms, TimeWindow window, int limit, boolean includeOwned)
            throws IOException {
        return rank(hashtags, platforms, window, limit, owned(List.of(), includeOwned));
    }

    /** The configured owned accounts plus {@code more} (a campaign's handles); {@code include} lists them, marked. */
    public OwnedAccounts owned(List<String> more, boolean include) {
        return OwnedAccounts.of(settings.ownedAccounts(), more, include);
    }

    public InfluencerRanking rank(List<String> hashtags, TimeWindow window, int limit, OwnedAccounts owned)
            throws IOException {
        return rank(hashtags, List.of(), window, limit, owned);
    }

    /**
     * @param platforms platform keys the authors' posts must be on (a campaign's, or the one asked), and the platforms
     *     whose capture the coverage block measures; empty: every platform
     */
    public InfluencerRanking rank(
            List<String> hashtags, List<String> platforms, TimeWindow window, int limit, OwnedAccounts owned)
            throws IOException {
        return rank(hashtags, platforms, window, limit, owned, limit, null);
    }

    /**
     * The ranking of {@code limit} authors that lists the first {@code listed} of them only: the potential reach
     * still sums all {@code limit}, but only the listed authors' latest posts are read for their engagement rate (a
     * campaign report shows 10 and sums 100).
     *
     * @param ledgers the hashtags' coverage ledgers already read for this window and these platforms (a campaign
     *     report's, {@link CoverageLedgers#only}); null: read them
     */
    public InfluencerRanking rank(
            List<String> hashtags,
            List<String> platforms,
            TimeWindow window,
            int limit,
            OwnedAccounts owned,
            int listed,
            CoverageLedgers ledgers)
            throws IOException {
        int candidates = Math.min(limit * settings.candidateFactor(), MAX_CANDIDATES);
        boolean ownedToCheck = !owned.handles().isEmpty();
        if (ownedToCheck && (platforms.isEmpty() || platforms.contains(Platform.BLUESKY.key()))) {
            owned = owned.withIds(blueskyIds(owned));
        }
        var response = client.search(
                InfluencerQuery.candidates(
                        names.posts(), hashtags, platforms, window, candidates, settings.latestPosts(), ownedToCheck),
                Void.class);
        long withoutAuthor = response.aggregations()
                .get(InfluencerQuery.WITHOUT_AUTHOR)
                .missing()
                .docCount();

        List<Candidate> found = new ArrayList<>();
        TreeSet<String> excluded = new TreeSet<>();
        for (StringTermsBucket bucket : response.aggregations()
                .get(InfluencerQuery.AUTHORS)
                .sterms()
                .buckets()
                .array()) {
            Candidate candidate = Candidate.of(bucket, ownedToCheck);
            if (owned.owns(candidate.username(), candidate.authorId()) && !owned.include()) {
                excluded.add(owned.name(candidate.username(), candidate.authorId()));
            } else {
                found.add(candidate);
            }
        }
        // The score needs nothing but the candidates search: who the ranked authors are is read for them alone.
        List<Candidate> ranked = found.stream()
                .sorted(Comparator.comparingDouble(Candidate::score)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(Candidate::totalEngagement)
                                .reversed())
                        .thenComparing(
                                Comparator.comparingLong(Candidate::posts).reversed())
                        .thenComparing(Candidate::authorId))
                .limit(limit)
                .toList();
        Map<String, RankedPosts> posts =
                rankedPosts(ranked.subList(0, Math.min(listed, ranked.size())), ranked, hashtags, platforms, window);
        Map<String, ProfileFollowers.Followers> profiles = profiles(posts.values(), window);
        List<InfluencerRanking.Influencer> influencers = new ArrayList<>();
        for (Candidate c : ranked) {
            RankedPosts seen = posts.getOrDefault(c.authorId(), RankedPosts.NONE);
            influencers.add(
                    c.toInfluencer(seen, profiles.get(seen.profileKey()), owned.owns(seen.username(), c.authorId()))
                            .ranked(influencers.size() + 1));
        }
        return new InfluencerRanking(
                hashtags,
                window.from(),
                window.to(),
                influencers.subList(0, Math.min(listed, influencers.size())),
                withoutAuthor,
                notice(withoutAuthor, influencers.isEmpty(), unknownEngagement(influencers, listed)),
                List.copyOf(excluded),
                InfluencerRanking.PotentialReach.of(influencers),
                (ledgers != null ? ledgers : ledgers(hashtags, platforms, window)).over(window.from(), window.to()));
    }

    private CoverageLedgers ledgers(List<String> hashtags, List<String> platforms, TimeWindow window)
            throws IOException {
        return coverage.load(
                CoverageService.hashtagIds(hashtags),
                platforms.isEmpty()
                        ? null
                        : platforms.stream().map(Platform::fromKey).toList(),
                window);
    }

    /**
     * The DIDs of the owned handles on Bluesky, to the handle, from their profile snapshots: Bluesky's posts carry the
     * DID only. A handle without a snapshot (not watched, not yet enriched) is matched by nothing but its name.
     */
    private Map<String, String> blueskyIds(OwnedAccounts owned) throws IOException {
        var response = client.search(
                InfluencerQuery.ownedIds(names.profileSnapshots(), Platform.BLUESKY.key(), owned.handles()),
                Void.class);
        Map<String, String> ids = new HashMap<>();
        for (StringTermsBucket id : response.aggregations()
                .get(InfluencerQuery.USERS)
                .sterms()
                .buckets()
                .array()) {
            id.aggregations().get(InfluencerQuery.HANDLES).sterms().buckets().array().stream()
                    .findFirst()
                    .ifPresent(handle ->
                            ids.put(id.key().stringValue(), handle.key().stringValue()));
        }
        return ids;
    }

    /**
     * The third round trip: the ranked authors' profile snapshots, by username, or by author id ({@code user_id})
     * for authors whose posts carry no username (Bluesky's); a fourth only when both kinds are ranked.
     */
    private Map<String, ProfileFollowers.Followers> profiles(Collection<RankedPosts> ranked, TimeWindow window)
            throws IOException {
        List<String> usernames = ranked.stream()
                .map(RankedPosts::username)
                .filter(u -> u != null && !u.isBlank())
                .distinct()
                .toList();
        List<String> ids = ranked.stream()
                .filter(r -> r.username() == null && r.authorId() != null)
                .map(RankedPosts::authorId)
                .distinct()
                .toList();
        Map<String, ProfileFollowers.Followers> found = new HashMap<>();
        if (!usernames.isEmpty()) {
            found.putAll(ProfileFollowers.of(
                    client.search(InfluencerQuery.followers(names.profileSnapshots(), usernames, window), Void.class)));
        }
        if (!ids.isEmpty()) {
            found.putAll(ProfileFollowers.of(client.search(
                    InfluencerQuery.followers(names.profileSnapshots(), "user_id", ids, window), Void.class)));
        }
        return found;
    }

    /**
     * The second round trip: each listed author's latest posts up to the window's end, and every ranked author's in
     * the window (who they are: what the potential reach of the unlisted ones needs).
     */
    private Map<String, RankedPosts> rankedPosts(
            List<Candidate> listed,
            List<Candidate> ranked,
            List<String> hashtags,
            List<String> platforms,
            TimeWindow window)
            throws IOException {
        Map<String, RankedPosts> posts = new HashMap<>();
        if (ranked.isEmpty()) {
            return posts;
        }
        var response = client.search(
                InfluencerQuery.ranked(
                        names.posts(),
                        listed.stream().map(Candidate::authorId).toList(),
                        ranked.subList(listed.size(), ranked.size()).stream()
                                .map(Candidate::authorId)
                                .toList(),
                        hashtags,
                        platforms,
                        window,
                        settings.latestPosts()),
                Void.class);
        for (StringTermsBucket author : response.aggregations()
                .get(InfluencerQuery.AUTHORS)
                .sterms()
                .buckets()
                .array()) {
            Map<String, Aggregate> aggs = author.aggregations();
            posts.put(
                    author.key().stringValue(),
                    RankedPosts.of(
                            latestOf(aggs),
                            latestOf(
                                    aggs.get(InfluencerQuery.IN_WINDOW).filter().aggregations())));
        }
        Aggregate unlisted = response.aggregations().get(InfluencerQuery.UNLISTED);
        if (unlisted != null) {
            for (StringTermsBucket author : unlisted.sterms().buckets().array()) {
                posts.put(
                        author.key().stringValue(),
                        RankedPosts.of(
                                List.of(),
                                latestOf(author.aggregations()
                                        .get(InfluencerQuery.IN_WINDOW)
                                        .filter()
                                        .aggregations())));
            }
        }
        return posts;
    }

    /** The listed authors' posts whose engagement is unknown. */
    private static long unknownEngagement(List<InfluencerRanking.Influencer> influencers, int listed) {
        return influencers.stream()
                .limit(listed)
                .mapToLong(InfluencerRanking.Influencer::postsWithUnknownEngagement)
                .sum();
    }

    /**
     * Why authors are missing, or ranked on less than their posts, in words a marketer can act on; null when every
     * post has its author and its engagement.
     */
    static String notice(long withoutAuthor, boolean empty, long unknownEngagement) {
        String unknown = unknownEngagement == 0
                ? null
                : unknownEngagement + " posts of the listed authors have no known engagement (Bluesky posts the stream"
                        + " back-filled: their likes before it joined were never seen); they are left out of the totals"
                        + " and medians, and an author with none known is ranked after the others, by posts.";
        if (withoutAuthor == 0) {
            return unknown;
        }
        String why = " carry no author: the Instagram Graph API strips the author from hashtag media, so they cannot"
                + " be attributed to anyone. Watch the authors' profiles, or capture the tags in web mode, to rank"
                + " them.";
        String missing = empty
                ? "No influencer ranking: all " + withoutAuthor + " posts of these hashtags in the window" + why
                : withoutAuthor + " posts of these hashtags in the window are not in this ranking; they" + why;
        return unknown == null ? missing : missing + " " + unknown;
    }

    private static List<PostDocument> latestOf(Map<String, Aggregate> aggs) {
        return aggs.get(InfluencerQuery.LATEST).topHits().hits().hits().stream()
                .map(h -> h.source().to(PostDocument.class))
                .toList();
    }

    /** One author as the candidates search saw them; {@code username} only when owned accounts are to be checked. */
    /**
     * @param median of the posts whose engagement is known; null when none is (a back-filled Bluesky author's posts),
     *     and then the score is 0: nothing to rank by, so last, not first
     */
    private record Candidate(
            String authorId, String username, long posts, long totalEngagement, long unknown, Double median) {

        static Candidate of(StringTermsBucket bucket, boolean withUsername) {
            Map<String, Aggregate> aggs = bucket.aggregations();
            String username =
                    withUsername ? RankedPosts.of(List.of(), latestOf(aggs)).username() : null;
            long known = Math.round(
                    aggs.get(InfluencerQuery.KNOWN_ENGAGEMENT).valueCount().value());
            Double median = known == 0
                    ? null
                    : aggs.get(InfluencerQuery.MEDIAN)
                            .tdigestPercentiles()
                            .values()
                            .array()
                            .get(0)
                            .value();
            return new Candidate(
                    bucket.key().stringValue(),
                    username,
                    bucket.docCount(),
                    Math.round(aggs.get(InfluencerQuery.ENGAGEMENT).sum().value()),
                    bucket.docCount() - known,
                    median);
        }

        double score() {
            return median == null ? 0 : InfluencerScore.score(median, posts);
        }

        InfluencerRanking.Influencer toInfluencer(RankedPosts seen, ProfileFollowers.Followers profile, boolean owned) {
            Long followers = profile != null ? Long.valueOf(profile.followers()) : seen.followers();
            String source = profile != null ? "profile" : seen.followers() != null ? "post" : null;
            InfluencerScore.Rate rate = InfluencerScore.engagementRate(seen.ratePosts(), followers);
            return new InfluencerRanking.Influencer(
                    0,
                    authorId,
                    seen.username() != null || profile == null ? seen.username() : profile.username(),
                    seen.platform(),
                    posts,
                    unknown == posts ? null : totalEngagement,
                    unknown,
                    median,
                    followers,
                    source,
                    rate.value(),
                    score(),
                    profile != null ? profile.capturedAt() : null,
                    profile != null ? profile.growth() : null,
                    followers != null ? null : seen.followersNote(),
                    rate.posts(),
                    ReachEstimate.of(seen.platform(), followers),
                    owned);
        }
    }

    /**
     * A ranked author's latest posts: whatever their tags up to the window's end (the engagement rate's), and those
     * the candidates search matched, newest first, which say who the author is: the first username, platform and
     * follower count any of them carries.
     */
    private record RankedPosts(
            List<PostDocument> ratePosts,
            List<PostDocument> inWindow,
            String username,
            String authorId,
            String platform,
            Long followers) {

        static final RankedPosts NONE = of(List.of(), List.of());

        static RankedPosts of(List<PostDocument> latest, List<PostDocument> inWindow) {
            String username = null;
            String authorId = null;
            String platform = null;
            Long followers = null;
            for (PostDocument post : inWindow) {
                if (platform == null && post.platform() != null) {
                    platform = post.platform().key();
                }
                if (post.author() != null) {
                    username = username == null ? post.author().username() : username;
                    authorId = authorId == null ? post.author().id() : authorId;
                    followers = followers == null ? post.author().followers() : followers;
                }
            }
            // An author whose posts up to the window's end were not found (deleted meanwhile) keeps the window's.
            return new RankedPosts(
                    latest.isEmpty() ? inWindow : latest, inWindow, username, authorId, platform, followers);
        }

        /** How the author's snapshot is found: by username, or by id where the posts carry none (Bluesky). */
        String profileKey() {
            String key = username != null ? username : authorId;
            return key == null || platform == null ? "" : ProfileFollowers.key(platform, key);
        }

        /** Graph-sourced authors are business accounts by construction; anyone else is simply not enriched yet. */
        String followersNote() {
            boolean graph = inWindow.stream().anyMatch(p -> GRAPH_SOURCE.equals(p.source()));
            return graph
                    ? "unknown: Graph API business discovery answers for professional accounts only"
                    : "unknown: no profile snapshot of this author yet (the ingestor enriches the top authors of"
                            + " watched tags within its budget)";
        }
    }
}
