package io.onestore.simulator.mastodon;

import io.onestore.model.text.Hashtags;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Post;
import io.onestore.simulator.world.World;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A Mastodon server's public hashtag timeline, {@code GET /api/v1/timelines/tag/{tag}}, over the world's public posts,
 * paged as Mastodon pages it: newest first, {@code limit} (default 20, at most 40), {@code max_id} (older than),
 * {@code since_id} (newer than, newest first), {@code min_id} (the page immediately newer than, still newest first)
 * and a {@code Link} header with {@code next} ({@code max_id}) and {@code prev} ({@code min_id}). {@code any[]} adds
 * tags. Posts appear at their post time, so a reader following {@code min_id} sees every post exactly once.
 */
@RestController
class MastodonController {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 40;

    private final World world;
    private final Clock clock;

    MastodonController(World world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    @GetMapping("/api/v1/timelines/tag/{tag}")
    ResponseEntity<Object> timeline(
            @PathVariable String tag,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "max_id", required = false) String maxId,
            @RequestParam(name = "since_id", required = false) String sinceId,
            @RequestParam(name = "min_id", required = false) String minId,
            @RequestParam(name = "any[]", required = false) List<String> any,
            ServerWebExchange exchange) {
        Optional<String> normalized = Hashtags.normalize(tag);
        if (normalized.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Json.object("error", "Record not found"));
        }
        long now = clock.instant().getEpochSecond();
        int size = Math.min(MAX_LIMIT, Math.max(1, limit == null ? DEFAULT_LIMIT : limit));
        long below = id(maxId, Long.MAX_VALUE);
        long above = Math.max(id(sinceId, Long.MIN_VALUE), id(minId, Long.MIN_VALUE));
        List<String> tags = new ArrayList<>(List.of(normalized.get()));
        if (any != null) {
            any.stream().map(Hashtags::normalize).flatMap(Optional::stream).forEach(tags::add);
        }
        List<Post> matching = world.posts(world.origin().getEpochSecond(), now + 1, now).stream()
                .filter(Post::isVisible)
                .filter(p -> tags.stream().anyMatch(p::hasTag))
                .filter(p -> p.mastodonId() < below && p.mastodonId() > above)
                .sorted(Comparator.comparingLong(Post::mastodonId).reversed())
                .toList();
        // min_id wants the page right after the id: the oldest `size` of the newer posts, still served newest first.
        List<Post> page = minId != null
                ? matching.subList(Math.max(0, matching.size() - size), matching.size())
                : matching.subList(0, Math.min(size, matching.size()));
        HttpHeaders headers = new HttpHeaders();
        if (!page.isEmpty()) {
            String self = exchange.getRequest().getURI().toString();
            headers.add(
                    HttpHeaders.LINK,
                    "<" + link(self, "max_id", page.get(page.size() - 1)) + ">; rel=\"next\", <"
                            + link(self, "min_id", page.get(0)) + ">; rel=\"prev\"");
        }
        return ResponseEntity.ok()
                .headers(headers)
                .body(page.stream().map(p -> StatusShapes.status(p, now)).toList());
    }

    private static String link(String self, String param, Post post) {
        return UriComponentsBuilder.fromUriString(self)
                .replaceQueryParam("max_id")
                .replaceQueryParam("min_id")
                .replaceQueryParam("since_id")
                .replaceQueryParam(param, post.mastodonId())
                .build()
                .toUriString();
    }

    /** Mastodon ignores an id it cannot read; so does this. */
    private static long id(String value, long absent) {
        try {
            return value == null ? absent : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return absent;
        }
    }
}
