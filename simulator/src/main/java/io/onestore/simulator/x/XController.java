package io.onestore.simulator.x;

import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Post;
import io.onestore.simulator.world.World;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * X API v2 recent search and counts over the last 7 days of the world's public posts; search pages newest first by
 * {@code next_token} and reads only posts newer than {@code since_id} when given. Users are {@link XUsersController}'s.
 */
@RestController
class XController {

    private static final long SEVEN_DAYS = 7 * 86_400;

    private final World world;
    private final Clock clock;

    XController(World world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    @GetMapping("/2/tweets/search/recent")
    ResponseEntity<Map<String, Object>> search(@RequestParam Map<String, String> params) {
        long now = clock.instant().getEpochSecond();
        String query = params.get("query");
        if (query == null || query.isBlank()) {
            return invalid("query", "The `query` query parameter can not be empty");
        }
        int maxResults;
        try {
            maxResults = Integer.parseInt(params.getOrDefault("max_results", "10"));
        } catch (NumberFormatException e) {
            return invalid("max_results", "The `max_results` query parameter value is not valid");
        }
        if (maxResults < 10 || maxResults > 100) {
            return invalid(
                    "max_results",
                    "The `max_results` query parameter value [" + maxResults + "] is not between 10 and 100");
        }
        long[] window;
        try {
            window = window(params, now);
        } catch (DateTimeParseException e) {
            return invalid("start_time", "Invalid start_time or end_time");
        }
        TweetQuery parsed = TweetQuery.parse(query);
        long before = parseToken(params.get("next_token"));
        long sinceId;
        try {
            sinceId = params.containsKey("since_id") ? Long.parseLong(params.get("since_id")) : Long.MIN_VALUE;
        } catch (NumberFormatException e) {
            return invalid("since_id", "The `since_id` query parameter value is not valid");
        }
        List<Post> matching = world.posts(window[0], window[1], now).stream()
                .filter(p -> p.isVisible() && parsed.matches(p))
                .filter(p -> p.xId() < before && p.xId() > sinceId)
                .toList();
        List<Post> page = matching.subList(0, Math.min(maxResults, matching.size()));
        if (page.isEmpty()) {
            return ResponseEntity.ok(Json.object("meta", Json.object("result_count", 0)));
        }
        Set<String> tweetFields = csv(params.get("tweet.fields"));
        Set<String> userFields = csv(params.get("user.fields"));
        Map<String, Object> body = Json.object(
                "data",
                page.stream().map(p -> TweetShapes.tweet(p, tweetFields, now)).toList());
        if (csv(params.get("expansions")).contains("author_id")) {
            Map<String, Author> authors = new LinkedHashMap<>();
            page.forEach(p -> authors.putIfAbsent(p.author().xId(), p.author()));
            body.put(
                    "includes",
                    Json.object(
                            "users",
                            authors.values().stream()
                                    .map(a -> TweetShapes.user(
                                            a, userFields, world.origin().getEpochSecond()))
                                    .toList()));
        }
        Map<String, Object> meta = Json.object(
                "newest_id", String.valueOf(page.get(0).xId()),
                "oldest_id", String.valueOf(page.get(page.size() - 1).xId()),
                "result_count", page.size());
        if (matching.size() > page.size()) {
            meta.put("next_token", Long.toString(page.get(page.size() - 1).xId(), 36));
        }
        body.put("meta", meta);
        return ResponseEntity.ok(body);
    }

    @GetMapping("/2/tweets/counts/recent")
    ResponseEntity<Map<String, Object>> counts(@RequestParam Map<String, String> params) {
        long now = clock.instant().getEpochSecond();
        String query = params.get("query");
        if (query == null || query.isBlank()) {
            return invalid("query", "The `query` query parameter can not be empty");
        }
        String granularity = params.getOrDefault("granularity", "hour");
        long step =
                switch (granularity) {
                    case "minute" -> 60;
                    case "hour" -> 3600;
                    case "day" -> 86_400;
                    default -> -1;
                };
        if (step < 0) {
            return invalid(
                    "granularity",
                    "The `granularity` query parameter value [" + granularity + "] is not one of [minute,hour,day]");
        }
        long[] window;
        try {
            window = window(params, now);
        } catch (DateTimeParseException e) {
            return invalid("start_time", "Invalid start_time or end_time");
        }
        TweetQuery parsed = TweetQuery.parse(query);
        List<Post> matching = world.posts(window[0], window[1], now).stream()
                .filter(p -> p.isVisible() && parsed.matches(p))
                .toList();
        List<Object> data = new ArrayList<>();
        long total = 0;
        for (long start = window[0]; start < window[1]; start = Math.floorDiv(start, step) * step + step) {
            long end = Math.min(window[1], Math.floorDiv(start, step) * step + step);
            long s = start;
            long count = matching.stream()
                    .filter(p -> p.takenAt() >= s && p.takenAt() < end)
                    .count();
            total += count;
            data.add(Json.object(
                    "end", TweetShapes.createdAt(end), "start", TweetShapes.createdAt(start), "tweet_count", count));
        }
        return ResponseEntity.ok(Json.object("data", data, "meta", Json.object("total_tweet_count", total)));
    }

    /** [start, end) in epoch seconds: default and earliest the last 7 days, latest now. */
    private static long[] window(Map<String, String> params, long now) {
        long start = params.containsKey("start_time")
                ? Instant.parse(params.get("start_time")).getEpochSecond()
                : now - SEVEN_DAYS;
        long end = params.containsKey("end_time")
                ? Instant.parse(params.get("end_time")).getEpochSecond()
                : now + 1;
        return new long[] {Math.max(start, now - SEVEN_DAYS), Math.min(end, now + 1)};
    }

    private static long parseToken(String token) {
        if (token == null || token.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(token, 36);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Set<String> csv(String value) {
        return value == null
                ? Set.of()
                : Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    private static ResponseEntity<Map<String, Object>> invalid(String parameter, String message) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(Json.object(
                        "errors",
                        List.of(Json.object("parameters", Map.of(parameter, List.of()), "message", message)),
                        "title",
                        "Invalid Request",
                        "detail",
                        "One or more parameters to your request was invalid.",
                        "type",
                        "https://api.twitter.com/2/problems/invalid-request"));
    }
}
