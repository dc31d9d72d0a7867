package io.onestore.query.insight.influencer;

import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.query.ContractIndices;
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
 *   <li>bob: 1 post of 300 → score 300; 600 followers as captured → rate 300 / 600 = 0.5
 *   <li>ann: 3 posts of 100, 50, 200 → median 100, score 100 × log2 4 = 200; latest profile 2000 followers →
 *       rate (100 + 50 + 200) / 2000 / 3 = 0.058333…
 *   <li>cid: 7 posts of 40 (one with hidden likes) → score 40 × log2 8 = 120; followers unknown → no rate
 *   <li>dan: 1 post of 10 with hidden likes → score 10; 100 followers but no known likes → no rate
 * </ul>
 *
 * A post of 1000 without author (Graph API) and ann's posts outside the window or tag do not count.
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
                profile("cid", null, "2026-10-20T00:00:00Z")));
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

        var ann = ranked.get(1);
        assertThat(ann.posts()).isEqualTo(3);
        assertThat(ann.totalEngagement()).isEqualTo(350);
        assertThat(ann.medianEngagement()).isEqualTo(100.0);
        assertThat(ann.score()).isCloseTo(200.0, within(1e-9));
        assertThat(ann.followers()).isEqualTo(2000L);
        assertThat(ann.followersSource()).isEqualTo("profile");
        assertThat(ann.engagementRate()).isCloseTo(0.35 / 6, within(1e-12));

        var cid = ranked.get(2);
        assertThat(cid.posts()).isEqualTo(7);
        assertThat(cid.score()).isCloseTo(120.0, within(1e-9));
        assertThat(cid.followers()).isNull();
        assertThat(cid.engagementRate()).isNull();

        var dan = ranked.get(3);
        assertThat(dan.score()).isCloseTo(10.0, within(1e-9));
        assertThat(dan.followers()).isEqualTo(100L);
        assertThat(dan.engagementRate()).isNull();
    }

    @Test
    void theLimitCutsTheRanking() throws Exception {
        assertThat(influencers.rank(List.of("shoe"), OCTOBER, 2).influencers())
                .extracting(InfluencerRanking.Influencer::username)
                .containsExactly("bob", "ann");
    }
}
