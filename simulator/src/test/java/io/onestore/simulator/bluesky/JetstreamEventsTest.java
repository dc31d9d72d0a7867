package io.onestore.simulator.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.world.Engagement;
import io.onestore.simulator.world.Post;
import io.onestore.simulator.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Jetstream stand-in's events: likes and reposts follow the world's engagement curve, chunk by chunk. */
class JetstreamEventsTest {

    static final Instant ORIGIN = Instant.parse("2026-03-10T00:00:00Z");
    static final long NOW = ORIGIN.getEpochSecond() + 3 * 3600;

    final World world = new World(
            5,
            new SimulatorProperties.World(
                    300,
                    Duration.ofDays(1),
                    0.08,
                    0.06,
                    List.of(new SimulatorProperties.Brand("busy", "busy", 600, 1_000_000L))),
            new SimulatorProperties.Campaign("none", "q", Duration.ofDays(10), Duration.ofDays(1), 1),
            ORIGIN);
    final JetstreamEvents events = new JetstreamEvents(
            world,
            new SimulatorProperties.Jetstream(
                    Duration.ofHours(24), 0.2, Duration.ofMinutes(10), 0, Duration.ofHours(4)));

    @Test
    void theStreamsLikesAndRepostsOfAPostAreItsLikesAndSharesAtEveryInstant() {
        long from = (NOW - 1800) * 1_000_000L;
        long to = NOW * 1_000_000L;
        // Read in uneven chunks, as resumed connections do: every event once, whatever the chunk boundaries.
        List<JetstreamEvents.Event> read = new ArrayList<>();
        for (long at = from; at < to; at += 7_777_777_777L) {
            read.addAll(events.between(at, Math.min(to, at + 7_777_777_777L), NOW));
        }
        assertThat(read).isEqualTo(events.between(from, to, NOW));

        Map<String, Long> likes = new HashMap<>();
        Map<String, Long> reposts = new HashMap<>();
        for (JetstreamEvents.Event event : read) {
            if (!event.collection().equals(JetstreamEvents.COLLECTION)) {
                @SuppressWarnings("unchecked")
                var commit = (Map<String, Object>) event.json().get("commit");
                @SuppressWarnings("unchecked")
                var subject = (Map<String, Object>) ((Map<String, Object>) commit.get("record")).get("subject");
                (event.collection().equals(JetstreamEvents.LIKE) ? likes : reposts)
                        .merge((String) subject.get("uri"), 1L, Long::sum);
            }
        }
        long checked = 0;
        for (Post post : world.posts(NOW - 1800, NOW, NOW)) {
            if (!post.isVisible() || events.deletedAt(post) != null) {
                continue;
            }
            String uri = JetstreamEvents.uri(post);
            long createUs = JetstreamEvents.createUs(post);
            if (createUs <= from) {
                continue;
            }
            // At the end of the range the stream has sent exactly the curve's count (up to rounding at the edge).
            long expectedLikes =
                    events.engagementUs(post, JetstreamEvents.LIKE, to).size();
            assertThat(likes.getOrDefault(uri, 0L)).as("likes of " + uri).isEqualTo(expectedLikes);
            assertThat(reposts.getOrDefault(uri, 0L))
                    .isEqualTo(events.engagementUs(post, JetstreamEvents.REPOST, to)
                            .size());
            assertThat(expectedLikes)
                    .as("the curve's likes at the end of the range")
                    .isBetween(
                            Engagement.at(post, NOW - 1).likes(),
                            Engagement.at(post, NOW).likes());
            checked += expectedLikes;
        }
        assertThat(checked).as("some likes at all").isPositive();
    }

    @Test
    void aDeletedPostIsNeitherLikedNorRepostedAfterItsDeletion() {
        long to = NOW * 1_000_000L;
        for (Post post : world.posts(NOW - 3600, NOW - 900, NOW)) {
            Long deleted = events.deleteUs(post);
            if (post.isVisible() && deleted != null) {
                assertThat(events.engagementUs(post, JetstreamEvents.LIKE, to)).allMatch(t -> t < deleted);
                assertThat(events.engagementUs(post, JetstreamEvents.REPOST, to))
                        .allMatch(t -> t < deleted);
            }
        }
    }
}
