package io.onestore.simulator.truth;

import io.onestore.model.text.Hashtags;
import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.mastodon.StatusShapes;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Engagement;
import io.onestore.simulator.world.Metrics;
import io.onestore.simulator.world.Post;
import io.onestore.simulator.world.World;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the world holds, for tests and benchmarks only (no upstream has anything like it): a tag's posts in a window
 * with their metrics at the simulated now, a profile's numbers, and the world's parameters. Not rate-limited, never
 * faulted.
 */
@RestController
class TruthController {

    private final World world;
    private final Clock clock;
    private final SimulatorProperties properties;

    TruthController(World world, Clock clock, SimulatorProperties properties) {
        this.world = world;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping("/__truth/world")
    Map<String, Object> world() {
        var campaign = world.campaign();
        return Json.object(
                "seed", properties.seed(),
                "now", clock.instant().toString(),
                "origin", world.origin().toString(),
                "authors", world.authors().all().size(),
                "brands",
                        world.brands().stream()
                                .map(SimulatorProperties.Brand::tag)
                                .toList(),
                "campaign",
                        Json.object(
                                "brand",
                                        campaign.brand() >= 0
                                                ? world.brands()
                                                        .get(campaign.brand())
                                                        .tag()
                                                : null,
                                "hashtag", campaign.hashtag(),
                                "start", campaign.start().toString(),
                                "end", campaign.end().toString(),
                                "multiplier", campaign.multiplier()));
    }

    /**
     * Posts carrying the tag with {@code from <= taken_at < to} (defaults: the world's origin and now), newest first.
     * {@code public_posts} is what the feeds can show; {@code media_count} is what the tag page says at now. With
     * {@code posts=false} only the counts come back (a busy tag has tens of thousands of posts an hour).
     */
    @GetMapping("/__truth/tags/{tag}")
    ResponseEntity<Map<String, Object>> tag(
            @PathVariable String tag,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "true") boolean posts) {
        var normalized = Hashtags.normalize(tag);
        if (normalized.isEmpty()) {
            return ResponseEntity.badRequest().body(Json.object("error", "not a hashtag: " + tag));
        }
        long now = clock.instant().getEpochSecond();
        long fromSecond = from != null ? from.getEpochSecond() : world.origin().getEpochSecond();
        long toSecond = to != null ? to.getEpochSecond() : now + 1;
        List<Post> all = world.posts(fromSecond, toSecond, now).stream()
                .filter(p -> p.hasTag(normalized.get()))
                .toList();
        List<Post> visible = all.stream().filter(Post::isVisible).toList();
        Map<String, Object> body = Json.object(
                "tag", normalized.get(),
                "now", Instant.ofEpochSecond(now).toString(),
                "from",
                        Instant.ofEpochSecond(
                                        Math.max(fromSecond, world.origin().getEpochSecond()))
                                .toString(),
                "to", Instant.ofEpochSecond(Math.min(toSecond, now + 1)).toString(),
                "media_count", world.mediaCount(normalized.get(), now),
                "public_posts", visible.size(),
                "private_posts", all.size() - visible.size());
        if (posts) {
            body.put("posts", visible.stream().map(p -> post(p, now)).toList());
        }
        return ResponseEntity.ok(body);
    }

    @GetMapping("/__truth/profiles/{handle}")
    ResponseEntity<Map<String, Object>> profile(@PathVariable String handle) {
        long now = clock.instant().getEpochSecond();
        return world.authors()
                .byUsername(handle)
                .map(author -> ResponseEntity.ok(profile(author, now)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private Map<String, Object> profile(Author author, long now) {
        List<Post> posts = world.postsBy(author, now);
        return Json.object(
                "username", author.username(),
                "id", author.igId(),
                "x_id", author.xId(),
                "full_name", author.fullName(),
                "followers", author.followers(),
                "following", author.following(),
                "media_count", author.earlierPosts() + posts.size(),
                "is_private", author.isPrivate(),
                "is_verified", author.verified(),
                "is_business", author.business(),
                "recent_post_ids",
                        posts.stream()
                                .limit(12)
                                .map(p -> String.valueOf(p.igId()))
                                .toList());
    }

    static Map<String, Object> post(Post p, long now) {
        Metrics m = Engagement.at(p, now);
        return Json.object(
                "id", String.valueOf(p.igId()),
                "shortcode", p.shortcode(),
                "x_id", String.valueOf(p.xId()),
                "tiktok_id", String.valueOf(p.tiktokId()),
                "mastodon_uri", StatusShapes.uri(p),
                "taken_at", Instant.ofEpochSecond(p.takenAt()).toString(),
                "author_id", p.author().igId(),
                "author_username", p.author().username(),
                "media_type", p.kind().graphName(),
                "caption", p.caption(),
                "first_comment", p.firstComment(),
                "hashtags", p.tags(),
                "mentions", p.mentions(),
                "likes", m.likes(),
                "likes_hidden", p.likesHidden(),
                "comments", m.comments(),
                "views", m.views(),
                "sentiment", p.sentiment().name().toLowerCase(Locale.ROOT),
                "campaign", p.campaign());
    }
}
