package io.onestore.simulator.bluesky;

import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Post;
import io.onestore.simulator.world.World;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public AppView's XRPC reads OneStore makes, in Bluesky's shapes: {@code com.atproto.identity.resolveHandle}
 * ({@code {"did"}}, 400 {@code InvalidRequest} "Unable to resolve handle"), {@code app.bsky.actor.getProfile} (a
 * {@code profileViewDetailed}; 400 {@code InvalidRequest} "Profile not found") and {@code app.bsky.actor.getProfiles}
 * (up to 25 {@code actors}; unknown ones are left out, as the AppView does). {@code followersCount} is the world
 * author's follower count; {@code postsCount} its posts before the world's origin plus those posted since.
 * Rate-limited per client address ({@code RateLimitFilter}).
 */
@RestController
class AppViewController {

    static final int MAX_ACTORS = 25;

    private final World world;
    private final BlueskyActors actors;
    private final Clock clock;

    AppViewController(World world, BlueskyActors actors, Clock clock) {
        this.world = world;
        this.actors = actors;
        this.clock = clock;
    }

    @GetMapping("/xrpc/com.atproto.identity.resolveHandle")
    ResponseEntity<Map<String, Object>> resolveHandle(@RequestParam(required = false) String handle) {
        if (handle == null || handle.isBlank()) {
            return invalid("Error: Params must have the property \"handle\"");
        }
        return actors.find(handle)
                .filter(a -> !handle.startsWith("did:"))
                .map(a -> ResponseEntity.ok(Json.object("did", JetstreamEvents.did(a))))
                .orElseGet(() -> invalid("Unable to resolve handle"));
    }

    @GetMapping("/xrpc/app.bsky.actor.getProfile")
    ResponseEntity<Map<String, Object>> getProfile(@RequestParam(required = false) String actor) {
        if (actor == null || actor.isBlank()) {
            return invalid("Error: Params must have the property \"actor\"");
        }
        Optional<Author> author = actors.find(actor);
        if (author.isEmpty()) {
            return invalid("Profile not found");
        }
        return ResponseEntity.ok(profile(author.get(), postsSinceOrigin(List.of(author.get()))));
    }

    @GetMapping("/xrpc/app.bsky.actor.getProfiles")
    ResponseEntity<Map<String, Object>> getProfiles(@RequestParam(required = false) List<String> actors) {
        if (actors == null || actors.isEmpty()) {
            return invalid("Error: Params must have the property \"actors\"");
        }
        if (actors.size() > MAX_ACTORS) {
            return invalid("Error: actors must not have more than " + MAX_ACTORS + " elements");
        }
        Map<Integer, Author> found = new LinkedHashMap<>();
        actors.forEach(a -> this.actors.find(a).ifPresent(author -> found.putIfAbsent(author.index(), author)));
        Map<Integer, Long> posts = postsSinceOrigin(List.copyOf(found.values()));
        List<Map<String, Object>> profiles =
                found.values().stream().map(a -> profile(a, posts)).toList();
        return ResponseEntity.ok(Json.object("profiles", profiles));
    }

    private Map<String, Object> profile(Author author, Map<Integer, Long> postsSinceOrigin) {
        String did = JetstreamEvents.did(author);
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("did", did);
        profile.put("handle", actors.handle(author));
        profile.put("displayName", author.fullName());
        profile.put("description", author.biography());
        profile.put("avatar", "https://cdn.bsky.app/img/avatar/plain/" + did + "/bafkreiavatar@jpeg");
        profile.put(
                "associated",
                Json.object(
                        "lists",
                        0,
                        "feedgens",
                        0,
                        "starterPacks",
                        0,
                        "labeler",
                        false,
                        "chat",
                        Json.object("allowIncoming", "following")));
        profile.put("viewer", Json.object("muted", false, "blockedBy", false));
        profile.put("labels", List.of());
        profile.put("createdAt", world.origin().minusSeconds(86_400L * 400).toString());
        profile.put("indexedAt", Instant.ofEpochMilli(clock.millis()).toString());
        profile.put("followersCount", author.followers());
        profile.put("followsCount", author.following());
        profile.put("postsCount", author.earlierPosts() + postsSinceOrigin.getOrDefault(author.index(), 0L));
        return profile;
    }

    /** Posts of {@code authors} since the world's origin, in one pass over the world. */
    private Map<Integer, Long> postsSinceOrigin(List<Author> authors) {
        Map<Integer, Long> counts = new HashMap<>();
        authors.forEach(a -> counts.put(a.index(), 0L));
        long now = Math.floorDiv(clock.millis(), 1000);
        for (Post post : world.posts(world.origin().getEpochSecond(), now + 1, now)) {
            counts.computeIfPresent(post.author().index(), (k, n) -> n + 1);
        }
        return counts;
    }

    private static ResponseEntity<Map<String, Object>> invalid(String message) {
        return ResponseEntity.badRequest().body(Json.object("error", "InvalidRequest", "message", message));
    }
}
