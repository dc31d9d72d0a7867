package io.onestore.simulator.instagram;

import io.onestore.simulator.limit.HashtagQuota;
import io.onestore.simulator.limit.LimitResponses;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Post;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Instagram Graph API (any {@code /vNN.N} prefix is stripped first): hashtag search, a hashtag's recent and top
 * media, business discovery and the searched-hashtags edge. Tokens and the hourly call budget are checked before
 * this runs; the 30-hashtags-per-week quota is checked here.
 */
@RestController
class GraphController {

    private static final long RECENT_WINDOW_SECONDS = 86_400;
    private static final long TOP_WINDOW_SECONDS = 7 * 86_400;
    private static final int TOP_COUNT = 50;

    private final TagFeeds feeds;
    private final HashtagIds ids;
    private final HashtagQuota quota;

    GraphController(TagFeeds feeds, HashtagIds ids, HashtagQuota quota) {
        this.feeds = feeds;
        this.ids = ids;
        this.quota = quota;
    }

    @GetMapping("/ig_hashtag_search")
    ResponseEntity<Map<String, Object>> search(
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(name = "q", required = false) String q) {
        if (userId == null || userId.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "(#100) The parameter user_id is required", 100, null);
        }
        Optional<String> tag = TagFeeds.normalize(q);
        if (tag.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "(#100) The parameter q is required", 100, null);
        }
        if (!quota.tryRecord(userId, tag.get(), feeds.now())) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "(#24) The user has reached the limit of 30 unique hashtags searched in 7 days",
                    24,
                    2207034);
        }
        return ResponseEntity.ok(Json.object("data", List.of(Json.object("id", ids.register(tag.get())))));
    }

    /** Public media with the tag from the last 24 hours, roughly newest first, without authors. */
    @GetMapping("/{hashtagId}/recent_media")
    ResponseEntity<Map<String, Object>> recentMedia(
            @PathVariable String hashtagId,
            @RequestParam(required = false) String fields,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String after,
            ServerHttpRequest request) {
        Optional<String> tag = tagOf(hashtagId);
        if (tag.isEmpty()) {
            return unknownObject(hashtagId);
        }
        long now = feeds.now();
        Cursors.Page page =
                feeds.recent(tag.get(), now, after, GraphShapes.parseLimit(limit, 25), now - RECENT_WINDOW_SECONDS);
        return mediaPage(page, fields, now, request);
    }

    /** The most liked public media with the tag of the last 7 days (at most 50), without authors. */
    @GetMapping("/{hashtagId}/top_media")
    ResponseEntity<Map<String, Object>> topMedia(
            @PathVariable String hashtagId,
            @RequestParam(required = false) String fields,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String after,
            ServerHttpRequest request) {
        Optional<String> tag = tagOf(hashtagId);
        if (tag.isEmpty()) {
            return unknownObject(hashtagId);
        }
        long now = feeds.now();
        List<Post> top = feeds.top(tag.get(), now, TOP_WINDOW_SECONDS, TOP_COUNT);
        return mediaPage(Cursors.page(top, after, GraphShapes.parseLimit(limit, 25)), fields, now, request);
    }

    @GetMapping("/{igUserId}/recently_searched_hashtags")
    ResponseEntity<Map<String, Object>> recentlySearched(@PathVariable String igUserId) {
        List<Object> data = quota.recent(igUserId, feeds.now()).stream()
                .<Object>map(tag -> Json.object("id", ids.register(tag), "name", tag))
                .toList();
        return ResponseEntity.ok(Json.object("data", data));
    }

    /** {@code ?fields=business_discovery.username(h){…}}: a business or creator account's public numbers. */
    @GetMapping("/{igUserId}")
    ResponseEntity<Map<String, Object>> user(
            @PathVariable String igUserId, @RequestParam(required = false) String fields) {
        GraphFields parsed;
        try {
            parsed = GraphFields.parse(fields);
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, "(#100) Syntax error in fields", 100, null);
        }
        Optional<GraphFields.Field> discovery = parsed.find("business_discovery");
        if (discovery.isEmpty()) {
            return ResponseEntity.ok(Json.object("id", igUserId));
        }
        String username = discovery.get().modifiers().get("username");
        Optional<Author> author = username == null
                ? Optional.empty()
                : feeds.world().authors().byUsername(username).filter(a -> a.business() && !a.isPrivate());
        if (author.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "(#110) Invalid user id", 110, 2207013);
        }
        long now = feeds.now();
        List<Post> posts = feeds.world().postsBy(author.get(), now);
        long mediaCount = author.get().earlierPosts() + posts.size();
        return ResponseEntity.ok(Json.object(
                "business_discovery",
                GraphShapes.businessDiscovery(
                        author.get(), mediaCount, posts, discovery.get().children(), now),
                "id",
                igUserId));
    }

    private ResponseEntity<Map<String, Object>> mediaPage(
            Cursors.Page page, String fields, long now, ServerHttpRequest request) {
        GraphFields parsed;
        try {
            parsed = GraphFields.parse(fields);
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, "(#100) Syntax error in fields", 100, null);
        }
        List<Object> data = page.items().stream()
                .<Object>map(p -> GraphShapes.media(p, parsed, now, false))
                .toList();
        Map<String, Object> body = Json.object("data", data);
        if (!page.items().isEmpty()) {
            Map<String, Object> paging = Json.object(
                    "cursors",
                    Json.object(
                            "before", Cursors.encode(page.items().get(0)),
                            "after",
                                    Cursors.encode(page.items().get(page.items().size() - 1))));
            if (page.next() != null) {
                paging.put(
                        "next",
                        UriComponentsBuilder.fromUri(request.getURI())
                                .replaceQueryParam("after", page.next())
                                .build()
                                .toUriString());
            }
            body.put("paging", paging);
        }
        return ResponseEntity.ok(body);
    }

    private Optional<String> tagOf(String hashtagId) {
        Optional<String> known = ids.tagOf(hashtagId);
        if (known.isPresent()) {
            return known;
        }
        // After a restart the simulator has not seen the search an ingestor cached the id from: the world's tags
        // are registered on demand.
        long now = feeds.now();
        feeds.world().posts(now - TOP_WINDOW_SECONDS, now + 1, now).forEach(p -> p.tags()
                .forEach(ids::register));
        return ids.tagOf(hashtagId);
    }

    private static ResponseEntity<Map<String, Object>> unknownObject(String id) {
        return error(
                HttpStatus.BAD_REQUEST,
                "Unsupported get request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing"
                        + " permissions, or does not support this operation.",
                100,
                33);
    }

    private static ResponseEntity<Map<String, Object>> error(
            HttpStatus status, String message, int code, Integer subcode) {
        return ResponseEntity.status(status)
                .body(LimitResponses.graphErrorBody(message, "OAuthException", code, subcode, false));
    }
}
