package io.onestore.simulator.instagram;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Post;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The current web endpoints under {@code /api/v1}. */
@RestController
class WebController {

    private static final int TOP_POSTS = 9;

    private final TagFeeds feeds;
    private final int pageSize;
    private final SimulatorProperties.WebLayout layout;

    WebController(TagFeeds feeds, SimulatorProperties properties) {
        this.feeds = feeds;
        this.pageSize = properties.pageSize();
        this.layout = properties.webLayout();
    }

    /** Recent media paged with {@code max_id=<recent.next_max_id>}. */
    @GetMapping("/api/v1/tags/web_info/")
    ResponseEntity<Map<String, Object>> tag(
            @RequestParam(name = "tag_name") String tagName,
            @RequestParam(name = "max_id", required = false) String maxId) {
        var normalized = TagFeeds.normalize(tagName);
        if (normalized.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Json.object("message", "Page not found", "status", "fail"));
        }
        String name = normalized.get();
        long now = feeds.now();
        Cursors.Page page = feeds.recent(name, now, maxId, pageSize);
        long mediaCount = feeds.world().mediaCount(name, now);
        List<Post> top = maxId == null ? feeds.top(name, now, 86_400, TOP_POSTS) : List.of();
        Map<String, Object> data = Json.object(
                "id",
                HashtagIds.idOf(name),
                "name",
                name,
                "media_count",
                mediaCount,
                "formatted_media_count",
                formatted(mediaCount),
                "profile_pic_url",
                page.items().isEmpty()
                        ? null
                        : InstagramShapes.mediaUrl(page.items().get(0), 0),
                "is_following",
                false,
                "top",
                Json.object("sections", WebSections.of(top, now, layout), "more_available", false, "next_max_id", null),
                "recent",
                Json.object(
                        "sections", WebSections.of(page.items(), now, layout),
                        "more_available", page.next() != null,
                        "next_max_id", page.next()));
        return ResponseEntity.ok(Json.object("data", data, "status", "ok"));
    }

    /** Needs {@code x-ig-app-id}, like upstream, which answers 400 "useragent mismatch" without it. */
    @GetMapping("/api/v1/users/web_profile_info/")
    ResponseEntity<Map<String, Object>> profile(
            @RequestParam String username, @RequestHeader(name = "x-ig-app-id", required = false) String appId) {
        if (appId == null || appId.isBlank()) {
            return ResponseEntity.badRequest().body(Json.object("message", "useragent mismatch", "status", "fail"));
        }
        return feeds.world()
                .authors()
                .byUsername(username)
                .map(author -> ResponseEntity.ok(Json.object(
                        "data", Json.object("user", LegacyController.profileUser(feeds, author)), "status", "ok")))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Json.object("data", Json.object("user", null), "status", "ok")));
    }

    static String formatted(long count) {
        if (count >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", count / 1_000_000.0);
        }
        if (count >= 10_000) {
            return String.format(Locale.ROOT, "%.1fK", count / 1_000.0);
        }
        return String.valueOf(count);
    }
}
