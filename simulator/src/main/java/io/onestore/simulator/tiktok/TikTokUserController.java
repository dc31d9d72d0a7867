package io.onestore.simulator.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.simulator.limit.LimitResponses;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Engagement;
import io.onestore.simulator.world.World;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * TikTok Research API user info: {@code POST /v2/research/user/info/} with {@code {"username": …}} →
 * {@code data{display_name, bio_description, avatar_url, is_verified, follower_count, following_count, likes_count,
 * video_count}}. A private or unknown account answers 400 {@code invalid_params}, as upstream does.
 */
@RestController
class TikTokUserController {

    private final World world;
    private final Clock clock;

    TikTokUserController(World world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    @PostMapping("/v2/research/user/info/")
    ResponseEntity<Map<String, Object>> info(@RequestBody(required = false) JsonNode body) {
        String username = body == null ? "" : body.path("username").asText("").toLowerCase(Locale.ROOT);
        Author author = world.authors().byUsername(username).orElse(null);
        if (author == null || author.isPrivate()) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .body(LimitResponses.tiktokError("invalid_params", "The user does not exist or is private."));
        }
        long now = clock.instant().getEpochSecond();
        var posts = world.postsBy(author, now);
        long likes =
                posts.stream().mapToLong(p -> Engagement.at(p, now).likes()).sum();
        return ResponseEntity.ok(Json.object(
                "data",
                        Json.object(
                                "display_name", author.fullName(),
                                "bio_description", author.biography(),
                                "avatar_url", "https://p16-sign.tiktokcdn-us.com/" + author.xId() + "~c5_168x168.jpeg",
                                "is_verified", author.verified(),
                                "follower_count", author.followers(),
                                "following_count", author.following(),
                                "likes_count", likes,
                                "video_count", author.earlierPosts() + posts.size()),
                "error", Json.object("code", "ok", "message", "", "log_id", "2026SIMU" + author.index())));
    }
}
