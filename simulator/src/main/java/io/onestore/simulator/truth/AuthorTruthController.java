package io.onestore.simulator.truth;

import io.onestore.simulator.world.World;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An author's latest posts with their metrics at the simulated now, newest first: what a profile page shows, so a
 * test can compute an engagement rate from the truth by hand. Like every truth endpoint, never limited or faulted.
 */
@RestController
class AuthorTruthController {

    private final World world;
    private final Clock clock;

    AuthorTruthController(World world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    /** {@code {username, followers, is_private, posts: [{id, likes, likes_hidden, comments, …}]}}, 404 if unknown. */
    @GetMapping("/__truth/profiles/{handle}/posts")
    ResponseEntity<Map<String, Object>> latestPosts(
            @PathVariable String handle, @RequestParam(defaultValue = "12") int limit) {
        long now = clock.instant().getEpochSecond();
        return world.authors()
                .byUsername(handle)
                .map(author -> {
                    List<Object> posts = world.postsBy(author, now).stream()
                            .limit(Math.max(0, limit))
                            .<Object>map(p -> TruthController.post(p, now))
                            .toList();
                    return ResponseEntity.ok(Map.<String, Object>of(
                            "username", author.username(),
                            "followers", author.followers(),
                            "is_private", author.isPrivate(),
                            "posts", posts));
                })
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
