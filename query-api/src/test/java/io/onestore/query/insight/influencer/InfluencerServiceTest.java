package io.onestore.query.insight.influencer;

import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.Posts;
import io.onestore.query.TestProperties;
import io.onestore.query.request.TimeWindow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Four authors around #shoe in October, numbers by hand (score = median × log2(1 + posts)):
 *
 * <ul>
 *   <li>bob: 1 post of 300 → score 300; 600 followers as captured → rate 300 / 600 = 0.5 over 1 post; reach
 *       600 × 0.3772 = 226.32 → 226
 *   <li>ann: 3 posts of 100, 50, 200 → median 100, score 100 × log2 4 = 200; latest profile 2000 followers (1500 at
 *       the window's first snapshot: growth 500); the rate takes her latest posts whatever the tag or window start,
 *       so her #boot post and her September post too: (5000 + 200 + 50 + 100 + 5000) / (5 × 2000) = 1.035 over 5
 *       posts; reach 2000 × 0.3772 = 754.4 → 754
 *   <li>cid: 7 posts of 40 (one with hidden likes) → score 40 × log2 8 = 120; followers unknown → no rate (6 posts
 *       with known likes), no reach
 *   <li>dan: 1 post of 10 with hidden likes → score 10; 100 followers but no known likes → no rate, 0 posts; reach
 *       100 × 0.3772 = 37.72 → 38
 * </ul>
 *
 * A post of 1000 without author (Graph API) is counted in {@code postsWithoutAuthor}; ann's posts outside the window
 * or tag do not count in her score.
 */
class InfluencerServiceTest {

    static final TimeWindow OCTOBER =
            new TimeWindow(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"));

    static ContractIndices es;
    static InfluencerService influencers;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(InfluencerServiceTest.class);
        influencers = new InfluencerService(
                es.client(), es.names(), es.coverage(Clock.systemUTC()), TestProperties.defaults());
        List<PostDocument> posts = new ArrayList<>(List.of(
                post("b1")
                        .tags("shoe")
                        .author("a2", "bob", 600L)
                        .at("2026-10-05T10:00:00Z")
                        .likes(280)
                        .comments(20)
                        .build(),
                post("a1")
                        .tags("shoe")
                        .author("a1", "ann", 1000L)
                        .at("2026-10-02T10:00:00Z")
                        .likes(90)
                        .comments(10)
                        .build(),
                post("a2")
                        .tags("shoe")
                        .author("a1", "ann", 1000L)
                        .at("2026-10-03T10:00:00Z")
                        .likes(40)
                        .comments(10)
                        .build(),
                post("a3")
                        .tags("shoe")
                        .author("a1", "ann", 1000L)
                        .at("2026-10-04T10:00:00Z")
                        .likes(150)
                        .comments(50)
                        .build(),
                post("a4")
                        .tags("shoe")
                        .author("a1", "ann")
                        .at("2026-09-30T10:00:00Z")
                        .likes(5000)
                        .build(),
                post("a5")
                        .tags("boot")
                        .author("a1", "ann")
                        .at("2026-10-04T10:00:00Z")
                        .likes(5000)
                        .build(),
                post("d1")
                        .tags("shoe")
                        .author("a4", "dan", 100L)
                        .at("2026-10-06T10:00:00Z")
                        .hiddenLikes()
                        .comments(10)
                        .build(),
                post("g1")
                        .tags("shoe")
                        .at("2026-10-06T10:00:00Z")
                        .likes(900)
                        .comments(100)
                        .build(),
                post("g2").tags("graphonly").at("2026-10-06T10:00:00Z").likes(5).build(),
                post("g3").tags("graphonly").at("2026-10-07T10:00:00Z").likes(7).build(),
                post("at://did:plc:runner/app.bsky.feed.post/3k1")
                        .platform(Platform.BLUESKY)
                        .tags("trail")
                        .author("did:plc:runner", null)
                        .at("2026-10-09T10:00:00Z")
                        .likes(30)
                        .comments(6)
                        .build(),
                // Bluesky as the stream writes it: counted from creation (likes, reposts as shares, no comments)...
                blueskyPost("fast1", "did:plc:fast").likes(12).shares(3).build(),
                blueskyPost("fast2", "did:plc:fast").likes(8).shares(2).build(),
                blueskyPost("slow1", "did:plc:slow").likes(2).shares(1).build(),
                // ...or back-filled, its likes before the stream joined never seen: no counts, no engagement.
                blueskyPost("back1", "did:plc:backfilled").build(),
                blueskyPost("back2", "did:plc:backfilled").build(),
                post("e1")
                        .tags("sneaker")
                        .author("a5", "eve")
                        .at("2026-10-08T10:00:00Z")
                        .likes(200)
                        .comments(40)
                        .build()));
        for (int i = 1; i <= 6; i++) {
            posts.add(post("c" + i)
                    .tags("shoe")
                    .author("a3", "cid")
                    .at("2026-10-1" + i + "T10:00:00Z")
                    .likes(30)
                    .comments(10)
                    .build());
        }
        posts.add(post("c7")
                .tags("shoe")
                .author("a3", "cid")
                .at("2026-10-17T10:00:00Z")
                .hiddenLikes()
                .comments(40)
                .build());
        es.posts(posts);
        es.profileSnapshots(List.of(
                profile("ann", 1500L, "2026-10-01T00:00:00Z"),
                profile("ann", 2000L, "2026-10-20T00:00:00Z"),
                profile("cid", null, "2026-10-20T00:00:00Z"),
                profile("eve", 4800L, "2026-11-20T00:00:00Z"),
                profile("eve", 5100L, "2026-12-20T00:00:00Z"),
                new ProfileSnapshotDocument(
                        Platform.BLUESKY,
                        "did:plc:runner",
                        "runner.bsky.social",
                        "Runs a lot",
                        1840L,
                        312L,
                        2210L,
                        null,
                        false,
                        Instant.parse("2026-10-15T00:00:00Z"),
                        "bluesky-appview",
                        null)));
    }

    static Posts blueskyPost(String rkey, String did) {
        return post("at://" + did + "/app.bsky.feed.post/" + rkey)
                .platform(Platform.BLUESKY)
                .tags("runclub")
                .author(did, null, 100L)
                .at("2026-10-10T10:00:00Z");
    }

    static ProfileSnapshotDocument profile(String username, Long followers, String at) {
        return new ProfileSnapshotDocument(
                Platform.INSTAGRAM,
                "id-" + username,
                username,
                null,
                followers,
                10L,
                5L,
                false,
                false,
                Instant.parse(at),
                "test",
                null);
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void ranksByScoreWithFollowersAndRates() throws Exception {
        List<InfluencerRanking.Influencer> ranked =
                influencers.rank(List.of("shoe"), OCTOBER, 10).influencers();

        assertThat(ranked)
                .extracting(InfluencerRanking.Influencer::username)
                .containsExactly("bob", "ann", "cid", "dan");
        assertThat(ranked).extracting(InfluencerRanking.Influencer::rank).containsExactly(1, 2, 3, 4);

        var bob = ranked.get(0);
        assertThat(bob.score()).isCloseTo(300.0, within(1e-9));
        assertThat(bob.followers()).isEqualTo(600L);
        assertThat(bob.followersSource()).isEqualTo("post");
        assertThat(bob.engagementRate()).isCloseTo(0.5, within(1e-9));
        assertThat(bob.engagementRatePosts()).isEqualTo(1);
        assertThat(bob.estimatedReach()).isEqualTo(226L);
        assertThat(bob.followerGrowth()).isNull();
        assertThat(bob.owned()).isFalse();

        var ann = ranked.get(1);
        assertThat(ann.posts()).isEqualTo(3);
        assertThat(ann.totalEngagement()).isEqualTo(350);
        assertThat(ann.medianEngagement()).isEqualTo(100.0);
        assertThat(ann.score()).isCloseTo(200.0, within(1e-9));
        assertThat(ann.followers()).isEqualTo(2000L);
        assertThat(ann.followersSource()).isEqualTo("profile");
        assertThat(ann.followersCapturedAt()).isEqualTo(Instant.parse("2026-10-20T00:00:00Z"));
        assertThat(ann.followerGrowth()).isEqualTo(500L);
        assertThat(ann.engagementRate()).isCloseTo(10350.0 / (5 * 2000), within(1e-12));
        assertThat(ann.engagementRatePosts()).isEqualTo(5);
        assertThat(ann.estimatedReach()).isEqualTo(754L);

        var cid = ranked.get(2);
        assertThat(cid.posts()).isEqualTo(7);
        assertThat(cid.score()).isCloseTo(120.0, within(1e-9));
        assertThat(cid.followers()).isNull();
        assertThat(cid.engagementRate()).isNull();
        assertThat(cid.engagementRatePosts()).isEqualTo(6);
        assertThat(cid.estimatedReach()).isNull();
        assertThat(cid.followersNote()).startsWith("unknown: no profile snapshot");

        var dan = ranked.get(3);
        assertThat(dan.score()).isCloseTo(10.0, within(1e-9));
        assertThat(dan.followers()).isEqualTo(100L);
        assertThat(dan.engagementRate()).isNull();
        assertThat(dan.engagementRatePosts()).isZero();
        assertThat(dan.estimatedReach()).isEqualTo(38L);
    }

    /** A campaign report lists 10 and sums the reach of 100: the listed ones are the full ranking's first, unchanged. */
    @Test
    void aRankingThatListsFewerThanItRanksListsTheFirstAndSumsTheReachOfAll() throws Exception {
        InfluencerRanking all = influencers.rank(List.of("shoe"), OCTOBER, 10);

        InfluencerRanking listed =
                influencers.rank(List.of("shoe"), List.of(), OCTOBER, 10, influencers.owned(List.of(), false), 2, null);

        assertThat(all.influencers()).hasSizeGreaterThan(2);
        assertThat(listed.influencers()).isEqualTo(all.influencers().subList(0, 2));
        assertThat(listed.potentialReach()).isEqualTo(all.potentialReach());
        assertThat(listed.coverage()).isEqualTo(all.coverage());
        assertThat(listed.postsWithoutAuthor()).isEqualTo(all.postsWithoutAuthor());
    }

    @Test
    void theAnswerCountsPostsWithoutAuthorAndSumsTheReach() throws Exception {
        InfluencerRanking ranking = influencers.rank(List.of("shoe"), OCTOBER, 10);

        assertThat(ranking.postsWithoutAuthor()).isEqualTo(1);
        assertThat(ranking.notice()).startsWith("1 posts of these hashtags in the window are not in this ranking");
        assertThat(ranking.ownedExcluded()).isEmpty();
        assertThat(ranking.potentialReach().estimate()).isEqualTo(226 + 754 + 38);
        assertThat(ranking.potentialReach().authorsCounted()).isEqualTo(3);
        assertThat(ranking.potentialReach().authorsWithoutEstimate()).isEqualTo(1);
    }

    @Test
    void ownedAccountsAreLeftOutUnlessAskedFor() throws Exception {
        var owned = influencers.owned(List.of("@Bob"), false);
        InfluencerRanking without = influencers.rank(List.of("shoe"), OCTOBER, 10, owned);
        assertThat(without.influencers())
                .extracting(InfluencerRanking.Influencer::username)
                .containsExactly("ann", "cid", "dan");
        assertThat(without.influencers())
                .extracting(InfluencerRanking.Influencer::rank)
                .containsExactly(1, 2, 3);
        assertThat(without.ownedExcluded()).containsExactly("bob");

        InfluencerRanking with =
                influencers.rank(List.of("shoe"), OCTOBER, 10, influencers.owned(List.of("bob"), true));
        assertThat(with.influencers())
                .extracting(InfluencerRanking.Influencer::username)
                .startsWith("bob");
        assertThat(with.influencers().get(0).owned()).isTrue();
        assertThat(with.influencers().get(1).owned()).isFalse();
        assertThat(with.ownedExcluded()).isEmpty();
    }

    @Test
    void theConfiguredOwnedAccountsAreLeftOutByDefault() throws Exception {
        var defaults = TestProperties.defaults();
        var properties = new io.onestore.query.config.QueryApiProperties(
                defaults.index(),
                defaults.security(),
                defaults.limits(),
                new io.onestore.query.config.QueryApiProperties.Influencers(100, 5, 12, List.of("ann")),
                defaults.spikes(),
                defaults.coverage(),
                defaults.elasticsearch());
        var configured = new InfluencerService(es.client(), es.names(), es.coverage(Clock.systemUTC()), properties);

        assertThat(configured.rank(List.of("shoe"), OCTOBER, 10).influencers())
                .extracting(InfluencerRanking.Influencer::username)
                .containsExactly("bob", "cid", "dan");
        assertThat(configured.rank(List.of("shoe"), OCTOBER, 10, true).influencers())
                .extracting(InfluencerRanking.Influencer::username)
                .containsExactly("bob", "ann", "cid", "dan");
    }

    @Test
    void hiddenAuthorsGiveAReasonInsteadOfAnEmptyList() throws Exception {
        InfluencerRanking ranking = influencers.rank(List.of("graphonly"), OCTOBER, 10);

        assertThat(ranking.influencers()).isEmpty();
        assertThat(ranking.postsWithoutAuthor()).isEqualTo(2);
        assertThat(ranking.notice())
                .startsWith("No influencer ranking: all 2 posts")
                .contains("Graph API");
    }

    /**
     * Regression: enrichment profiles an author after their posts were captured, so over a window that has ended every
     * snapshot of the author is later than the window; the ranking took only snapshots captured before {@code to} and
     * showed the enriched authors without their followers (the follower count as a post carried it, or none).
     */
    @Test
    void anAuthorEnrichedAfterTheWindowHasTheFollowersOfTheNearestSnapshot() throws Exception {
        var eve =
                influencers.rank(List.of("sneaker"), OCTOBER, 10).influencers().get(0);

        assertThat(eve.username()).isEqualTo("eve");
        assertThat(eve.followers()).isEqualTo(4800L);
        assertThat(eve.followersSource()).isEqualTo("profile");
        assertThat(eve.followersCapturedAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(eve.followerGrowth()).isNull();
        assertThat(eve.followersNote()).isNull();
        assertThat(eve.engagementRate()).isCloseTo(240.0 / 4800, within(1e-12));
        assertThat(eve.engagementRatePosts()).isEqualTo(1);
        assertThat(eve.estimatedReach()).isEqualTo(1811L);
    }

    /** Bluesky posts carry the author's DID and no username: the snapshot is found by {@code user_id}. */
    @Test
    void aBlueskyAuthorWithoutUsernameHasTheFollowersAndHandleOfItsSnapshotByDid() throws Exception {
        var runner =
                influencers.rank(List.of("trail"), OCTOBER, 10).influencers().get(0);

        assertThat(runner.authorId()).isEqualTo("did:plc:runner");
        assertThat(runner.username()).isEqualTo("runner.bsky.social");
        assertThat(runner.platform()).isEqualTo("bluesky");
        assertThat(runner.followers()).isEqualTo(1840L);
        assertThat(runner.followersSource()).isEqualTo("profile");
    }

    /**
     * A brand's Bluesky account named by its handle is left out although its posts carry only its DID: the handle is
     * matched through the DID of its profile snapshot (`./onestore up` ranked the demo's own @vans.bsky.social first).
     */
    @Test
    void anOwnedBlueskyHandleIsLeftOutThroughItsDid() throws Exception {
        InfluencerRanking byHandle = influencers.rank(
                List.of("trail"),
                List.of("bluesky"),
                OCTOBER,
                10,
                influencers.owned(List.of("Runner.bsky.social"), false));
        assertThat(byHandle.influencers()).isEmpty();
        assertThat(byHandle.ownedExcluded()).containsExactly("runner.bsky.social");

        InfluencerRanking byDid =
                influencers.rank(List.of("trail"), OCTOBER, 10, influencers.owned(List.of("did:plc:runner"), false));
        assertThat(byDid.influencers()).isEmpty();
        assertThat(byDid.ownedExcluded()).containsExactly("did:plc:runner");

        InfluencerRanking listed = influencers.rank(
                List.of("trail"), List.of(), OCTOBER, 10, influencers.owned(List.of("runner.bsky.social"), true));
        assertThat(listed.influencers()).singleElement().satisfies(runner -> {
            assertThat(runner.authorId()).isEqualTo("did:plc:runner");
            assertThat(runner.owned()).isTrue();
        });
    }

    /**
     * Bluesky authors rank by the likes and reposts the stream counted onto their posts; an author whose posts have
     * no known counts (back-filled) has nothing to rank by: last, with the posts counted as unknown, not as 0.
     */
    @Test
    void blueskyAuthorsRankByTheStreamsCountsAndUnknownEngagementIsNotZero() throws Exception {
        List<InfluencerRanking.Influencer> ranked = influencers
                .rank(List.of("runclub"), List.of("bluesky"), OCTOBER, 10, influencers.owned(List.of(), false))
                .influencers();

        assertThat(ranked)
                .extracting(InfluencerRanking.Influencer::authorId)
                .containsExactly("did:plc:fast", "did:plc:slow", "did:plc:backfilled");
        var fast = ranked.get(0);
        assertThat(fast.totalEngagement()).isEqualTo(12 + 3 + 8 + 2);
        assertThat(fast.postsWithUnknownEngagement()).isZero();
        assertThat(fast.medianEngagement()).isEqualTo(12.5);
        assertThat(fast.engagementRate())
                .as("(likes + comments) / followers over the posts, comments unknown on Bluesky")
                .isCloseTo((12 + 8) / (2 * 100.0), within(1e-12));
        assertThat(ranked.get(1).totalEngagement()).isEqualTo(3);
        var backfilled = ranked.get(2);
        assertThat(backfilled.posts()).isEqualTo(2);
        assertThat(backfilled.postsWithUnknownEngagement()).isEqualTo(2);
        assertThat(backfilled.medianEngagement()).isNull();
        assertThat(backfilled.totalEngagement()).as("unknown, not 0").isNull();
        assertThat(backfilled.score()).isZero();
        assertThat(backfilled.engagementRate()).isNull();
        assertThat(backfilled.engagementRatePosts()).isZero();
        assertThat(influencers
                        .rank(List.of("runclub"), List.of("bluesky"), OCTOBER, 10, influencers.owned(List.of(), false))
                        .notice())
                .as("the ranking says how many of its posts have no known engagement")
                .startsWith("2 posts of the listed authors have no known engagement");
    }

    @Test
    void theLimitCutsTheRanking() throws Exception {
        assertThat(influencers.rank(List.of("shoe"), OCTOBER, 2).influencers())
                .extracting(InfluencerRanking.Influencer::username)
                .containsExactly("bob", "ann");
    }
}
