package io.onestore.query.insight.influencer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import io.onestore.model.document.PostDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.coverage.CoverageService;
import io.onestore.query.request.TimeWindow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Ranks the authors around some hashtags in three round trips: one search over posts (candidates by total
 * engagement, their median engagement and latest posts), one over profile snapshots (their latest follower counts
 * and growth, {@link ProfileFollowers}), one over the ranked authors' latest posts (their engagement rate). The score
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

    /** The configured owned accounts plus {@code more} (a campaign's handles); {@code include} lists them, marked. */
    public OwnedAccounts owned(List<String> more, boolean include) {
        return OwnedAccounts.of(settings.ownedAccounts(), more, include);
    }

    public InfluencerRanking rank(List<String> hashtags, TimeWindow window, int limit, OwnedAccounts owned)
            throws IOException {
        return rank(hashtags, List.of(), window, limit, owned);
    }

    /** @param platforms platform keys the authors' posts must be on (a campaign's); empty: every platform */
    public InfluencerRanking rank(
            List<String> hashtags, List<String> platforms, TimeWindow window, int limit, OwnedAccounts owned)
            throws IOException {
        int candidates = Math.min(limit * settings.candidateFactor(), MAX_CANDIDATES);
        var response = client.search(
                InfluencerQuery.candidates(
                        names.posts(), hashtags, platforms, window, candidates, settings.latestPosts()),
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
            Candidate candidate = Candidate.of(bucket);
            if (owned.owns(candidate.username()) && !owned.include()) {
                excluded.add(candidate.username());
            } else {
                found.add(candidate);
            }
        }
        Map<String, ProfileFollowers.Followers> profiles = profiles(found, window);

        List<Candidate> ranked = found.stream()
                .sorted(Comparator.comparingDouble(Candidate::score)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(Candidate::totalEngagement)
                                .reversed())
                        .thenComparing(Candidate::authorId))
                .limit(limit)
                .toList();
        Map<String, List<PostDocument>> latest = latestPosts(ranked, window);
        List<InfluencerRanking.Influencer> influencers = new ArrayList<>();
        for (Candidate c : ranked) {
            influencers.add(c.toInfluencer(
                            profiles.get(c.profileKey()),
                            latest.getOrDefault(c.authorId(), c.latest()),
                            owned.owns(c.username()))
                    .ranked(influencers.size() + 1));
        }
        return new InfluencerRanking(
                hashtags,
                window.from(),
                window.to(),
                influencers,
                withoutAuthor,
                notice(withoutAuthor, influencers.isEmpty()),
                List.copyOf(excluded),
                InfluencerRanking.PotentialReach.of(influencers),
                coverage.of(hashtags, window));
    }

    /** The second round trip: the candidates' profile snapshots. */
    private Map<String, ProfileFollowers.Followers> profiles(List<Candidate> candidates, TimeWindow window)
            throws IOException {
        List<String> usernames = candidates.stream()
                .map(Candidate::username)
                .filter(u -> u != null && !u.isBlank())
                .distinct()
                .toList();
        if (usernames.isEmpty()) {
            return Map.of();
        }
        return ProfileFollowers.of(
                client.search(InfluencerQuery.followers(names.profileSnapshots(), usernames, window), Void.class));
    }

    /** The third round trip: each ranked author's latest posts up to the window's end, whatever their tags. */
    private Map<String, List<PostDocument>> latestPosts(List<Candidate> ranked, TimeWindow window) throws IOException {
        Map<String, List<PostDocument>> latest = new HashMap<>();
        if (ranked.isEmpty()) {
            return latest;
        }
        var response = client.search(
                InfluencerQuery.latestPosts(
                        names.posts(),
                        ranked.stream().map(Candidate::authorId).toList(),
                        window.to(),
                        settings.latestPosts()),
                Void.class);
        for (StringTermsBucket author : response.aggregations()
                .get(InfluencerQuery.AUTHORS)
                .sterms()
                .buckets()
                .array()) {
            latest.put(author.key().stringValue(), latestOf(author.aggregations()));
        }
        return latest;
    }

    /** Why authors are missing, in words a marketer can act on; null when every post has its author. */
    static String notice(long withoutAuthor, boolean empty) {
        if (withoutAuthor == 0) {
            return null;
        }
        String why = " carry no author: the Instagram Graph API strips the author from hashtag media, so they cannot"
                + " be attributed to anyone. Watch the authors' profiles, or capture the tags in web mode, to rank"
                + " them.";
        return empty
                ? "No influencer ranking: all " + withoutAuthor + " posts of these hashtags in the window" + why
                : withoutAuthor + " posts of these hashtags in the window are not in this ranking; they" + why;
    }

    private static List<PostDocument> latestOf(Map<String, Aggregate> aggs) {
        return aggs.get(InfluencerQuery.LATEST).topHits().hits().hits().stream()
                .map(h -> h.source().to(PostDocument.class))
                .toList();
    }

    /** One author as the posts search saw them. */
    private record Candidate(
            String authorId,
            String username,
            String platform,
            long posts,
            long totalEngagement,
            double median,
            Long followersAsCaptured,
            List<PostDocument> latest) {

        static Candidate of(StringTermsBucket bucket) {
            Map<String, Aggregate> aggs = bucket.aggregations();
            List<PostDocument> latest = latestOf(aggs);
            String username = null;
            String platform = null;
            Long followers = null;
            for (PostDocument post : latest) {
                if (platform == null && post.platform() != null) {
                    platform = post.platform().key();
                }
                if (post.author() != null) {
                    username = username == null ? post.author().username() : username;
                    followers = followers == null ? post.author().followers() : followers;
                }
            }
            double median = aggs.get(InfluencerQuery.MEDIAN)
                    .tdigestPercentiles()
                    .values()
                    .array()
                    .get(0)
                    .value();
            return new Candidate(
                    bucket.key().stringValue(),
                    username,
                    platform,
                    bucket.docCount(),
                    Math.round(aggs.get(InfluencerQuery.ENGAGEMENT).sum().value()),
                    median,
                    followers,
                    latest);
        }

        double score() {
            return InfluencerScore.score(median, posts);
        }

        String profileKey() {
            return username == null || platform == null ? "" : ProfileFollowers.key(platform, username);
        }

        InfluencerRanking.Influencer toInfluencer(
                ProfileFollowers.Followers profile, List<PostDocument> ratePosts, boolean owned) {
            Long followers = profile != null ? Long.valueOf(profile.followers()) : followersAsCaptured;
            String source = profile != null ? "profile" : followersAsCaptured != null ? "post" : null;
            InfluencerScore.Rate rate = InfluencerScore.engagementRate(ratePosts, followers);
            return new InfluencerRanking.Influencer(
                    0,
                    authorId,
                    username,
                    platform,
                    posts,
                    totalEngagement,
                    median,
                    followers,
                    source,
                    rate.value(),
                    score(),
                    profile != null ? profile.capturedAt() : null,
                    profile != null ? profile.growth() : null,
                    followers != null ? null : followersNote(),
                    rate.posts(),
                    ReachEstimate.of(platform, followers),
                    owned);
        }

        /** Graph-sourced authors are business accounts by construction; anyone else is simply not enriched yet. */
        private String followersNote() {
            boolean graph = latest.stream().anyMatch(p -> GRAPH_SOURCE.equals(p.source()));
            return graph
                    ? "unknown: Graph API business discovery answers for professional accounts only"
                    : "unknown: no profile snapshot of this author yet (the ingestor enriches the top authors of"
                            + " watched tags within its budget)";
        }
    }
}
