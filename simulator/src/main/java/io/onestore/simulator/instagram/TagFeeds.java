package io.onestore.simulator.instagram;

import io.onestore.model.text.Hashtags;
import io.onestore.simulator.world.Engagement;
import io.onestore.simulator.world.Post;
import io.onestore.simulator.world.World;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What every Instagram shape agrees on: a tag's recent feed, its top posts and "now". */
@Component
class TagFeeds {

    private final World world;
    private final Clock clock;

    TagFeeds(World world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    World world() {
        return world;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    static Optional<String> normalize(String tag) {
        return Hashtags.normalize(tag);
    }

    /** A page of the tag's public posts in feed order (roughly newest first) after {@code cursor}. */
    Cursors.Page recent(String tag, long now, String cursor, int size) {
        return recent(tag, now, cursor, size, Long.MIN_VALUE);
    }

    /** As {@link #recent(String, long, String, int)}, only posts taken at or after {@code notBefore}. */
    Cursors.Page recent(String tag, long now, String cursor, int size, long notBefore) {
        return Cursors.of(world.tagFeedPage(tag, now, Cursors.igIdOf(cursor), size, notBefore));
    }

    /** The most liked public posts with the tag taken since {@code now - windowSeconds}. */
    List<Post> top(String tag, long now, long windowSeconds, int count) {
        return world.posts(now - windowSeconds, now + 1, now).stream()
                .filter(p -> p.isVisible() && p.hasTag(tag))
                .sorted(Comparator.comparingLong(
                                (Post p) -> Engagement.at(p, now).likes())
                        .reversed()
                        .thenComparing(Comparator.comparingLong(Post::igId).reversed()))
                .limit(count)
                .toList();
    }
}
