package io.onestore.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.simulator.config.SimulatorProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Brand tags at tens of thousands of posts an hour: counts, ids, feed order and paging. */
class BusyTagTest {

    static final Instant ORIGIN = Instant.parse("2026-03-10T00:00:00Z");
    static final long NOW = ORIGIN.getEpochSecond() + 6 * 3600;

    static World world(double postsPerHour) {
        var brands = List.of(
                new SimulatorProperties.Brand("busy", "busy", postsPerHour, 1_000_000L),
                new SimulatorProperties.Brand("quiet", "quiet", 5, 10_000L));
        var settings = new SimulatorProperties.World(500, Duration.ofDays(1), 0.08, 0.06, brands);
        var campaign = new SimulatorProperties.Campaign("quiet", "q", Duration.ofDays(10), Duration.ofDays(1), 1);
        return new World(3, settings, campaign, ORIGIN);
    }

    // Regression: the former normal approximation gave fewer posts at 30,000 an hour than at 3,000, and a hidden cap
    // of 1,000 per brand-hour held every busy tag down.
    @Test
    void largeRatesGiveTheirMeanWithoutACap() {
        for (double rate : new double[] {3_000, 30_000, 50_000}) {
            World world = world(rate);
            long brandPosts = world.posts(ORIGIN.getEpochSecond(), NOW, NOW).stream()
                    .filter(p -> p.brand() == 0)
                    .count();
            // Six hours from midnight UTC: the time-of-day shape averages to about 0.62 of the mean there.
            double mean = 0;
            for (int h = 0; h < 6; h++) {
                mean += rate * (1 + 0.6 * Math.sin(2 * Math.PI * (h - 13) / 24.0));
            }
            assertThat((double) brandPosts).isCloseTo(mean, org.assertj.core.data.Percentage.withPercentage(2));
        }
    }

    // Regression: a world of one brand failed every post draw (no other brand to tag), so its feeds answered 500.
    @Test
    void aWorldOfOneBrandMakesItsPosts() {
        var settings = new SimulatorProperties.World(
                500,
                Duration.ofDays(1),
                0.08,
                0.06,
                List.of(new SimulatorProperties.Brand("busy", "busy", 20_000, 1_000_000L)));
        var campaign = new SimulatorProperties.Campaign("none", "q", Duration.ofDays(10), Duration.ofDays(1), 1);
        List<Post> posts = new World(3, settings, campaign, ORIGIN).posts(NOW - 600, NOW, NOW);
        assertThat(posts).hasSizeGreaterThan(1_000).allMatch(p -> p.brand() == 0);
    }

    @Test
    void idsStayUniqueAtFiftyThousandAnHour() {
        List<Post> posts = world(50_000).posts(NOW - 3600, NOW, NOW);
        assertThat(posts.size()).isGreaterThan(20_000);
        assertThat(posts.stream().map(Post::igId).distinct().count()).isEqualTo(posts.size());
        assertThat(posts.stream().map(Post::xId).distinct().count()).isEqualTo(posts.size());
        assertThat(posts).allMatch(p -> Post.takenAtOfIgId(p.igId()) == p.takenAt());
    }

    @Test
    void feedIsOnlyRoughlyInDateOrderAndPagesCoverItExactlyOnce() {
        World world = world(20_000);
        List<Post> paged = new ArrayList<>();
        OptionalLong cursor = OptionalLong.empty();
        long notBefore = NOW - 1800;
        FeedPage page;
        do {
            page = world.tagFeedPage("busy", NOW, cursor, 50, notBefore);
            paged.addAll(page.items());
            cursor = page.items().isEmpty()
                    ? OptionalLong.empty()
                    : OptionalLong.of(page.items().get(page.items().size() - 1).igId());
        } while (page.hasMore());

        long truth = world.posts(notBefore, NOW + 1, NOW).stream()
                .filter(p -> p.isVisible() && p.hasTag("busy"))
                .count();
        Set<Long> ids = new HashSet<>();
        paged.forEach(p -> ids.add(p.igId()));
        assertThat(ids).hasSize(paged.size());
        assertThat(paged).hasSize((int) truth);
        int outOfOrder = 0;
        for (int i = 1; i < paged.size(); i++) {
            long later = paged.get(i).takenAt();
            assertThat(later).isLessThanOrEqualTo(paged.get(i - 1).takenAt() + 2);
            if (later > paged.get(i - 1).takenAt()) {
                outOfOrder++;
            }
        }
        assertThat(outOfOrder).isPositive();
        assertThat(world.tagFeed("busy", NOW).subList(0, 100)).isEqualTo(paged.subList(0, 100));
    }
}
