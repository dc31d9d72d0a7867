package io.onestore.simulator.instagram;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Post;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The seed's endpoints: {@code ?__a=1} on the tag and profile pages, answering {@code graphql.*}. */
@RestController
class LegacyController {

    private static final int PROFILE_POSTS = 12;
    private static final int TOP_POSTS = 9;

    private final TagFeeds feeds;
    private final int pageSize;

    LegacyController(TagFeeds feeds, SimulatorProperties properties) {
        this.feeds = feeds;
        this.pageSize = properties.pageSize();
    }

    /** Paged with {@code max_id=<end_cursor>}; top posts only on the first page, as upstream. */
    @GetMapping(value = "/explore/tags/{tag}/", params = "__a")
    ResponseEntity<Map<String, Object>> tag(
            @PathVariable String tag, @RequestParam(name = "max_id", required = false) String maxId) {
        var normalized = TagFeeds.normalize(tag);
        if (normalized.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of());
        }
        String name = normalized.get();
        long now = feeds.now();
        Cursors.Page page = feeds.recent(name, now, maxId, pageSize);
        List<Post> top = maxId == null ? feeds.top(name, now, 86_400, TOP_POSTS) : List.of();
        Map<String, Object> hashtag = Json.object(
                "id",
                HashtagIds.idOf(name),
                "name",
                name,
                "allow_following",
                true,
                "is_following",
                false,
                "is_top_media_only",
                false,
                "profile_pic_url",
                page.items().isEmpty()
                        ? null
                        : InstagramShapes.mediaUrl(page.items().get(0), 0),
                "edge_hashtag_to_media",
                Json.object(
                        "count", feeds.world().mediaCount(name, now),
                        "page_info", Json.object("has_next_page", page.next() != null, "end_cursor", page.next()),
                        "edges", InstagramShapes.legacyEdges(page.items(), now)),
                "edge_hashtag_to_top_posts",
                Json.object("edges", InstagramShapes.legacyEdges(top, now)),
                "edge_hashtag_to_content_advisory",
                Json.object("count", 0, "edges", List.of()));
        return ResponseEntity.ok(Json.object("graphql", Json.object("hashtag", hashtag)));
    }

    @GetMapping(value = "/{handle}/", params = "__a")
    ResponseEntity<Map<String, Object>> profile(@PathVariable String handle) {
        return feeds.world()
                .authors()
                .byUsername(handle)
                .map(author ->
                        ResponseEntity.ok(Json.object("graphql", Json.object("user", profileUser(feeds, author)))))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of()));
    }

    /** The profile object both the legacy and the web endpoint return: the 12 latest posts, none when private. */
    static Map<String, Object> profileUser(TagFeeds feeds, Author author) {
        long now = feeds.now();
        List<Post> posts = feeds.world().postsBy(author, now);
        long mediaCount = author.earlierPosts() + posts.size();
        return InstagramShapes.user(author, mediaCount, posts.subList(0, Math.min(PROFILE_POSTS, posts.size())), now);
    }
}
