package io.onestore.query.insight.influencer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.coverage.CoverageService;
import io.onestore.query.request.TimeWindow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Ranks the authors around some hashtags in two round trips: one search over posts (candidates by total engagement,
 * their median engagement and latest posts), one over profile snapshots (their latest follower counts). The score is
 * computed in Java ({@link InfluencerScore}) because Elasticsearch could only do it with scripts.
 */
@Service
public class InfluencerService {

    private static final int MAX_CANDIDATES = 1000;

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final CoverageService coverage;
    private final QueryApiProperties.Influencers settings;

    InfluencerService(
            ElasticsearchClient client, IndexNames names, CoverageService coverage, QueryApiProperties properties) {
        this.client = client;
        this.names = names;
        this.coverage = coverage;
        this.settings = properties.influencers();
    }

    public InfluencerRanking rank(List<String> hashtags, TimeWindow window, int limit) throws IOException {
        int candidates = Math.min(limit * settings.candidateFactor(), MAX_CANDIDATES);
        var response = client.search(
                InfluencerQuery.candidates(names.posts(), hashtags, window, candidates, settings.latestPosts()),
                Void.class);

        List<Candidate> found = new ArrayList<>();
        for (StringTermsBucket bucket : response.aggregations()
                .get(InfluencerQuery.AUTHORS)
                .sterms()
                .buckets()
                .array()) {
            found.add(Candidate.of(bucket));
        }
        Map<String, Long> profileFollowers = latestFollowers(found);

        List<InfluencerRanking.Influencer> ranked = found.stream()
                .map(c -> c.toInfluencer(profileFollowers.get(c.profileKey())))
                .sorted(Comparator.comparingDouble(InfluencerRanking.Influencer::score)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(InfluencerRanking.Influencer::totalEngagement)
                                .reversed())
                        .thenComparing(InfluencerRanking.Influencer::authorId))
                .limit(limit)
                .toList();
        List<InfluencerRanking.Influencer> numbered = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            var r = ranked.get(i);
            numbered.add(new InfluencerRanking.Influencer(
                    i + 1,
                    r.authorId(),
                    r.username(),
                    r.platform(),
                    r.posts(),
                    r.totalEngagement(),
                    r.medianEngagement(),
                    r.followers(),
                    r.followersSource(),
                    r.engagementRate(),
                    r.score()));
        }
        return new InfluencerRanking(hashtags, window.from(), window.to(), numbered, coverage.of(hashtags, window));
    }

    /** The second round trip: followers of each candidate's latest profile snapshot, by platform and username. */
    private Map<String, Long> latestFollowers(List<Candidate> candidates) throws IOException {
        List<String> usernames = candidates.stream()
                .map(Candidate::username)
                .filter(u -> u != null && !u.isBlank())
                .distinct()
                .toList();
        Map<String, Long> followers = new HashMap<>();
        if (usernames.isEmpty()) {
            return followers;
        }
        var response = client.search(InfluencerQuery.followers(names.profileSnapshots(), usernames), Void.class);
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
                for (Hit<JsonData> hit : platform.aggregations()
                        .get(InfluencerQuery.LATEST)
                        .topHits()
                        .hits()
                        .hits()) {
                    ProfileSnapshotDocument snapshot = hit.source().to(ProfileSnapshotDocument.class);
                    followers.put(
                            profileKey(platform.key().stringValue(), user.key().stringValue()), snapshot.followers());
                }
            }
        }
        return followers;
    }

    static String profileKey(String platform, String username) {
        return platform + "/" + username.toLowerCase(Locale.ROOT);
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
            List<PostDocument> latest = aggs.get(InfluencerQuery.LATEST).topHits().hits().hits().stream()
                    .map(h -> h.source().to(PostDocument.class))
                    .toList();
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

        String profileKey() {
            return username == null || platform == null ? "" : InfluencerService.profileKey(platform, username);
        }

        InfluencerRanking.Influencer toInfluencer(Long profileFollowers) {
            Long followers = profileFollowers != null ? profileFollowers : followersAsCaptured;
            String source = profileFollowers != null ? "profile" : followersAsCaptured != null ? "post" : null;
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
                    InfluencerScore.engagementRate(latest, followers),
                    InfluencerScore.score(median, posts));
        }
    }
}
