package io.onestore.simulator.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.text.Hashtags;
import io.onestore.simulator.limit.LimitResponses;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.web.Tokens;
import io.onestore.simulator.world.Engagement;
import io.onestore.simulator.world.Metrics;
import io.onestore.simulator.world.Post;
import io.onestore.simulator.world.SeedMix;
import io.onestore.simulator.world.World;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * TikTok Research API video query. Conditions understood: {@code hashtag_name}, {@code keyword} and
 * {@code username} with {@code IN}/{@code EQ}, combined with {@code and}, {@code or} and {@code not}. Paging by
 * {@code cursor} (an offset) under a {@code search_id}: the first page of a query opens a search pinned to the
 * simulated now, later pages that send its {@code search_id} page through that same result set (videos posted since
 * do not shift the offsets), as TikTok's cached searches do. A page never holds more videos than the client's daily
 * record quota still allows ({@link ResearchClients}).
 */
@RestController
class TikTokController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String DEFAULT_FIELDS = "id,video_description,create_time";

    private static final int SEARCHES_KEPT = 10_000;

    private final World world;
    private final Clock clock;
    private final ResearchClients clients;
    // search_id -> the simulated second its result set is pinned to; the oldest searches are forgotten first.
    private final Map<String, Long> searches = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > SEARCHES_KEPT;
        }
    });

    TikTokController(World world, Clock clock, ResearchClients clients) {
        this.world = world;
        this.clock = clock;
        this.clients = clients;
    }

    @PostMapping("/v2/research/video/query/")
    ResponseEntity<Map<String, Object>> query(
            @RequestParam(required = false) String fields,
            @RequestBody(required = false) JsonNode body,
            ServerHttpRequest request) {
        if (body == null || !body.has("query") || !body.has("start_date") || !body.has("end_date")) {
            return invalid("query, start_date and end_date are required");
        }
        long now = clock.instant().getEpochSecond();
        long start;
        long end;
        try {
            start = LocalDate.parse(body.get("start_date").asText(), DAY)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toEpochSecond();
            end = LocalDate.parse(body.get("end_date").asText(), DAY)
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toEpochSecond();
        } catch (DateTimeParseException e) {
            return invalid("start_date and end_date must be YYYYMMDD");
        }
        if (end <= start || end - start > 30 * 86_400L) {
            return invalid("end_date must be after start_date and at most 30 days later");
        }
        String client = Tokens.of(request)
                .flatMap(t -> clients.clientOf(t, clock.instant()))
                .orElse("");
        long recordsLeft = clients.recordsLeft(client, clock.instant());
        int maxCount =
                (int) Math.max(1, Math.min(Math.min(100, body.path("max_count").asInt(20)), recordsLeft));
        int cursor = Math.max(0, body.path("cursor").asInt(0));
        String sentSearch = body.hasNonNull("search_id") ? body.get("search_id").asText() : "";
        if (!sentSearch.isBlank() && !searches.containsKey(sentSearch)) {
            return invalid("search_id is unknown or expired");
        }
        String searchId = sentSearch.isBlank()
                ? Long.toUnsignedString(SeedMix.of(body.get("query").toString() + start + end + now))
                : sentSearch;
        long asOf = searches.computeIfAbsent(searchId, id -> now);
        Predicate<Post> matcher = condition(body.get("query"));
        List<Post> matching = world.posts(start, end, asOf).stream()
                .filter(p -> p.isVisible() && matcher.test(p))
                .toList();
        List<Post> page =
                matching.subList(Math.min(cursor, matching.size()), Math.min(cursor + maxCount, matching.size()));
        Set<String> wanted = Arrays.stream((fields == null || fields.isBlank() ? DEFAULT_FIELDS : fields).split(","))
                .map(String::trim)
                .collect(Collectors.toSet());
        List<Object> videos = new ArrayList<>();
        for (Post post : page) {
            videos.add(video(post, wanted, now));
        }
        clients.served(client, videos.size(), clock.instant());
        return ResponseEntity.ok(Json.object(
                "data",
                        Json.object(
                                "videos",
                                videos,
                                "cursor",
                                cursor + page.size(),
                                "has_more",
                                cursor + page.size() < matching.size(),
                                "search_id",
                                searchId),
                "error", Json.object("code", "ok", "message", "", "log_id", "2026SIM" + searchId)));
    }

    private static Map<String, Object> video(Post post, Set<String> wanted, long now) {
        Metrics metrics = Engagement.at(post, now);
        String text = post.caption() != null ? post.caption() : post.firstComment();
        Map<String, Object> video = Json.object();
        for (String field : List.of(
                "id",
                "video_description",
                "create_time",
                "region_code",
                "share_count",
                "view_count",
                "like_count",
                "comment_count",
                "music_id",
                "hashtag_names",
                "username",
                "video_duration")) {
            if (!wanted.contains(field)) {
                continue;
            }
            video.put(
                    field,
                    switch (field) {
                        case "id" -> post.tiktokId();
                        case "video_description" -> text;
                        case "create_time" -> post.takenAt();
                        case "region_code" ->
                            List.of("US", "GB", "DE", "JP", "BR").get(post.seq() % 5);
                        case "share_count" -> metrics.shares();
                        case "view_count" -> Math.max(metrics.views(), metrics.likes() * 12);
                        case "like_count" -> metrics.likes();
                        case "comment_count" -> metrics.comments();
                        case "music_id" -> 7_000_000_000_000_000_000L + post.seq();
                        case "hashtag_names" -> post.tags();
                        case "username" -> post.author().username();
                        default -> 8 + post.seq() % 50;
                    });
        }
        return video;
    }

    private static Predicate<Post> condition(JsonNode query) {
        Predicate<Post> all = p -> true;
        for (JsonNode c : query.path("and")) {
            all = all.and(clause(c));
        }
        JsonNode or = query.path("or");
        if (or.isArray() && !or.isEmpty()) {
            Predicate<Post> any = p -> false;
            for (JsonNode c : or) {
                any = any.or(clause(c));
            }
            all = all.and(any);
        }
        for (JsonNode c : query.path("not")) {
            all = all.and(clause(c).negate());
        }
        return all;
    }

    private static Predicate<Post> clause(JsonNode c) {
        List<String> values = new ArrayList<>();
        c.path("field_values").forEach(v -> values.add(v.asText().toLowerCase(Locale.ROOT)));
        return switch (c.path("field_name").asText()) {
            case "hashtag_name" ->
                p -> values.stream().map(v -> Hashtags.normalize(v).orElse("")).anyMatch(p::hasTag);
            case "username" -> p -> values.contains(p.author().username());
            case "keyword" ->
                p -> {
                    String text = p.caption() == null ? "" : p.caption().toLowerCase(Locale.ROOT);
                    return values.stream().anyMatch(text::contains);
                };
            default -> p -> true;
        };
    }

    private static ResponseEntity<Map<String, Object>> invalid(String message) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(LimitResponses.tiktokError("invalid_params", message));
    }
}
