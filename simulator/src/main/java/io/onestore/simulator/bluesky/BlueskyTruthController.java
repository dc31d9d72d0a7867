package io.onestore.simulator.bluesky;

import io.onestore.model.text.Hashtags;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Post;
import io.onestore.simulator.world.World;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the Jetstream stand-in shows of a tag, for tests and benchmarks only: every post whose text carries the tag
 * (what a client matching the stream sees), with its create event's {@code time_us} and, when its author deletes it,
 * the delete event's {@code time_us} (which the stream sends once the simulated clock reaches it), and the
 * {@code time_us} of each like and repost the stream has sent of it so far.
 */
@RestController
class BlueskyTruthController {

    private final World world;
    private final JetstreamEvents events;
    private final BlueskyActors actors;
    private final Clock clock;

    BlueskyTruthController(World world, JetstreamEvents events, BlueskyActors actors, Clock clock) {
        this.world = world;
        this.events = events;
        this.actors = actors;
        this.clock = clock;
    }

    /**
     * An account by DID or handle: {@code did}, {@code handle}, {@code followers} (what the AppView answers),
     * {@code is_private} (a private author's posts are not on the stream) and its
     * posts the stream shows with {@code from <= taken_at < to}, oldest first, as for a tag; 404 when unknown.
     */
    @GetMapping("/__truth/bluesky/profiles/{actor}")
    ResponseEntity<Map<String, Object>> profile(
            @PathVariable String actor,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        var author = actors.find(actor);
        if (author.isEmpty()) {
            return ResponseEntity.status(404).body(Json.object("error", "unknown actor: " + actor));
        }
        long nowUs = clock.millis() * 1000;
        List<Map<String, Object>> posts = visiblePosts(
                from, to, nowUs, p -> p.author().index() == author.get().index());
        return ResponseEntity.ok(Json.object(
                "did", JetstreamEvents.did(author.get()),
                "handle", actors.handle(author.get()),
                "followers", author.get().followers(),
                "is_private", author.get().isPrivate(),
                "now_us", nowUs,
                "posts", posts));
    }

    /** Posts with {@code from <= taken_at < to} (defaults: the world's origin and now), oldest first. */
    @GetMapping("/__truth/bluesky/tags/{tag}")
    ResponseEntity<Map<String, Object>> tag(
            @PathVariable String tag,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        var normalized = Hashtags.normalize(tag);
        if (normalized.isEmpty()) {
            return ResponseEntity.badRequest().body(Json.object("error", "not a hashtag: " + tag));
        }
        long nowUs = clock.millis() * 1000;
        List<Map<String, Object>> posts = visiblePosts(
                from,
                to,
                nowUs,
                p -> p.caption() != null && Hashtags.extract(p.caption()).contains(normalized.get()));
        return ResponseEntity.ok(Json.object("tag", normalized.get(), "now_us", nowUs, "posts", posts));
    }

    /** The public posts {@code which} selects with {@code from <= taken_at < to} (defaults: origin, now), oldest first. */
    private List<Map<String, Object>> visiblePosts(Instant from, Instant to, long nowUs, Predicate<Post> which) {
        long now = Math.floorDiv(nowUs, 1_000_000);
        long fromSecond = from != null ? from.getEpochSecond() : world.origin().getEpochSecond();
        long toSecond = to != null ? to.getEpochSecond() : now + 1;
        return world.posts(fromSecond, toSecond, now).stream()
                .filter(Post::isVisible)
                .filter(which)
                .sorted(Comparator.comparingLong(Post::takenAt))
                .map(p -> post(p, nowUs))
                .toList();
    }

    private Map<String, Object> post(Post post, long nowUs) {
        return Json.object(
                "uri",
                JetstreamEvents.uri(post),
                "time_us",
                JetstreamEvents.createUs(post),
                "deleted_us",
                events.deleteUs(post),
                "likes_us",
                events.engagementUs(post, JetstreamEvents.LIKE, nowUs),
                "reposts_us",
                events.engagementUs(post, JetstreamEvents.REPOST, nowUs));
    }
}
