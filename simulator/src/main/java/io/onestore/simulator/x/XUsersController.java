package io.onestore.simulator.x;

import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.World;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * X API v2 {@code GET /2/users/by/username/{username}}: the world's author in X's user shape, the fields asked for
 * in {@code user.fields}. An unknown username is what X answers for one: HTTP 200 with {@code errors[]} and no
 * {@code data}.
 */
@RestController
class XUsersController {

    private final World world;

    XUsersController(World world) {
        this.world = world;
    }

    @GetMapping("/2/users/by/username/{username}")
    ResponseEntity<Map<String, Object>> byUsername(
            @PathVariable String username, @RequestParam(name = "user.fields", required = false) String fields) {
        Set<String> wanted = fields == null
                ? Set.of()
                : Arrays.stream(fields.split(",")).map(String::trim).collect(Collectors.toSet());
        return world.authors()
                .byUsername(username.toLowerCase(java.util.Locale.ROOT))
                .map(author -> ResponseEntity.ok(Json.object(
                        "data", TweetShapes.user(author, wanted, world.origin().getEpochSecond()))))
                .orElseGet(() -> ResponseEntity.ok(Json.object(
                        "errors",
                        List.of(Json.object(
                                "value", username,
                                "detail", "Could not find user with username: [" + username + "].",
                                "title", "Not Found Error",
                                "resource_type", "user",
                                "parameter", "username",
                                "resource_id", username,
                                "type", "https://api.twitter.com/2/problems/resource-not-found")))));
    }
}
