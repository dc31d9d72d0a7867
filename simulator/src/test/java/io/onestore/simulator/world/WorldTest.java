package io.onestore.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.simulator.config.SimulatorProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WorldTest {

    static final Instant ORIGIN = Instant.parse("2026-02-24T00:00:00Z");
    static final long NOW = Instant.parse("2026-03-10T15:30:00Z").getEpochSecond();

    static World world(long seed) {
        var settings = new SimulatorProperties.World(1500, Duration.ofDays(14), 0.08, 0.06, null);
        var campaign =
                new SimulatorProperties.Campaign("puma", "ForeverMore", Duration.ofDays(10), Duration.ofDays(3), 5);
        return new World(seed, settings, campaign, ORIGIN);
    }

    @Test
    void sameSeedSameWorldOtherSeedOtherWorld() {
        List<Post> a = world(7).posts(ORIGIN.getEpochSecond(), NOW, NOW);
        List<Post> b = world(7).posts(ORIGIN.getEpochSecond(), NOW, NOW);
        List<Post> c = world(8).posts(ORIGIN.getEpochSecond(), NOW, NOW);
        assertThat(a).isEqualTo(b);
        assertThat(a.stream().map(Post::igId).toList())
                .isNotEqualTo(c.stream().map(Post::igId).toList());
    }

    @Test
    void hoursGeneratedInAnyOrderAreTheSame() {
        World forward = world(7);
        World backward = world(7);
        long day = ORIGIN.getEpochSecond() + 86_400 * 3;
        List<Post> first = forward.posts(day, day + 7200, NOW);
        backward.posts(day + 3600, day + 7200, NOW);
        assertThat(backward.posts(day, day + 7200, NOW)).isEqualTo(first);
    }

    @Test
    void historyIsBackFilledFromTheOriginAndNothingIsInTheFuture() {
        World world = world(7);
        List<Post> all = world.posts(0, Long.MAX_VALUE - 1, NOW);
        assertThat(all).isNotEmpty();
        assertThat(all).allMatch(p -> p.takenAt() >= ORIGIN.getEpochSecond() && p.takenAt() <= NOW);
        assertThat(all.get(all.size() - 1).takenAt()).isLessThan(ORIGIN.getEpochSecond() + 3600);
        assertThat(all.stream().map(Post::igId).distinct().count()).isEqualTo(all.size());
        assertThat(all.stream().map(Post::shortcode).distinct().count()).isEqualTo(all.size());
    }

    @Test
    void followerCountsAreHeavyTailed() {
        List<Long> followers = world(7).authors().all().stream()
                .filter(a -> a.brand() < 0)
                .map(Author::followers)
                .sorted()
                .toList();
        long median = followers.get(followers.size() / 2);
        long max = followers.get(followers.size() - 1);
        assertThat(median).isBetween(60L, 1_000L);
        assertThat(max).isGreaterThan(median * 500);
        assertThat(world(7).authors().all()).anyMatch(Author::isPrivate).anyMatch(Author::verified);
    }

    @Test
    void theCampaignMakesItsTagSpike() {
        World world = world(7);
        long campaignStart = world.campaign().start().getEpochSecond();
        double during = count(world, "puma", campaignStart, campaignStart + 3 * 86_400) / 3.0;
        double before = count(world, "puma", ORIGIN.getEpochSecond(), campaignStart) / 10.0;
        assertThat(during).isGreaterThan(before * 3);
        assertThat(world.posts(campaignStart, campaignStart + 86_400, NOW))
                .anyMatch(p -> p.hasTag("forevermore") && p.campaign());
        double nikeDuring = count(world, "nike", campaignStart, campaignStart + 3 * 86_400) / 3.0;
        double nikeBefore = count(world, "nike", ORIGIN.getEpochSecond(), campaignStart) / 10.0;
        assertThat(nikeDuring / nikeBefore).isBetween(0.8, 1.25);
    }

    private static long count(World world, String tag, long from, long to) {
        return world.posts(from, to, NOW).stream().filter(p -> p.hasTag(tag)).count();
    }

    @Test
    void engagementGrowsOnRecentPostsAndSaturates() {
        Post post = world(7).posts(NOW - 86_400, NOW, NOW).stream()
                .max(Comparator.comparingDouble(Post::appeal))
                .orElseThrow();
        long at1h = Engagement.at(post, post.takenAt() + 3600).likes();
        long at6h = Engagement.at(post, post.takenAt() + 6 * 3600).likes();
        long at7d = Engagement.at(post, post.takenAt() + 7 * 86_400).likes();
        long at8d = Engagement.at(post, post.takenAt() + 8 * 86_400).likes();
        assertThat(at1h).isLessThan(at6h);
        assertThat(at6h).isLessThan(at7d);
        assertThat(at8d - at7d).isLessThanOrEqualTo(1);
    }

    @Test
    void contentIsVaried() {
        List<Post> all = world(7).posts(ORIGIN.getEpochSecond(), NOW, NOW);
        assertThat(all.stream().map(Post::kind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(MediaKind.values());
        assertThat(all.stream().map(Post::sentiment).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Post.Sentiment.values());
        assertThat(all).anyMatch(Post::likesHidden);
        assertThat(all).anyMatch(p -> p.caption() == null && p.firstComment() != null);
        assertThat(all).anyMatch(p -> p.hasTag("スニーカー") || p.hasTag("fußball") || p.hasTag("café"));
        assertThat(all).anyMatch(p -> !p.mentions().isEmpty());
        assertThat(all).anyMatch(p -> p.hasTag("nike") && p.hasTag("adidas"));
        assertThat(all).anyMatch(p -> !p.isVisible());
        double hiddenShare = all.stream().filter(Post::likesHidden).count() / (double) all.size();
        assertThat(hiddenShare).isBetween(0.03, 0.10);
    }

    @Test
    void mediaCountIncludesPrivatePostsAndGrowsWithTime() {
        World world = world(7);
        long feed = world.tagFeed("vans", NOW).size();
        long count = world.mediaCount("vans", NOW);
        assertThat(count).isGreaterThan(feed);
        assertThat(world.mediaCount("vans", NOW + 86_400)).isGreaterThan(count);
        assertThat(world.mediaCount("no_such_tag_here", NOW)).isZero();
    }
}
