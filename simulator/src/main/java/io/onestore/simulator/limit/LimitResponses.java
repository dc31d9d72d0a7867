package io.onestore.simulator.limit;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.web.Responses;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** How each network says "too many" or "who are you", byte for byte what its clients have to parse. */
public final class LimitResponses {

    private LimitResponses() {}

    public static Mono<Void> instagramTooManyRequests(ServerWebExchange exchange, long retryAfterSeconds) {
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
        return Responses.json(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                Json.object(
                        "message", "Please wait a few minutes before you try again.",
                        "require_login", false,
                        "status", "fail"));
    }

    /** The Graph API's rate-limit and quota errors: HTTP 400 for user-level codes, 403 for application-level ones. */
    public static Mono<Void> graphError(ServerWebExchange exchange, int code) {
        String message =
                switch (code) {
                    case 4 -> "(#4) Application request limit reached";
                    case 17 -> "(#17) User request limit reached";
                    case 32 -> "(#32) Page request limit reached";
                    case 613 -> "(#613) Calls to this api have exceeded the rate limit.";
                    default -> "(#" + code + ") Request limit reached";
                };
        HttpStatus status = code == 4 || code == 32 ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
        return Responses.json(exchange, status, graphErrorBody(message, "OAuthException", code, null, true));
    }

    public static Mono<Void> graphMissingToken(ServerWebExchange exchange) {
        return Responses.json(
                exchange,
                HttpStatus.BAD_REQUEST,
                graphErrorBody(
                        "An active access token must be used to query information.",
                        "OAuthException",
                        2500,
                        null,
                        false));
    }

    public static Map<String, Object> graphErrorBody(
            String message, String type, int code, Integer subcode, boolean transientError) {
        Map<String, Object> error = Json.object("message", message, "type", type, "code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("is_transient", transientError);
        error.put("fbtrace_id", "AsimTrace" + Integer.toHexString(message.hashCode() ^ code));
        return Json.object("error", error);
    }

    static String appUsage(FixedWindowLimiter.Decision app) {
        long percent = Math.min(100, app.used() * 100 / Math.max(1, app.limit()));
        return "{\"call_count\":" + percent + ",\"total_cputime\":" + percent / 2 + ",\"total_time\":" + percent / 2
                + "}";
    }

    static String businessUsage(FixedWindowLimiter.Decision user, long nowSecond) {
        long percent = Math.min(100, user.used() * 100 / Math.max(1, user.limit()));
        long minutes = user.allowed() ? 0 : (user.retryAfterSeconds(nowSecond) + 59) / 60;
        return "{\"ig_api_usage\":[{\"type\":\"instagram\",\"call_count\":" + percent + ",\"total_cputime\":"
                + percent / 2 + ",\"total_time\":" + percent / 2 + ",\"estimated_time_to_regain_access\":" + minutes
                + "}]}";
    }

    public static Mono<Void> xTooManyRequests(ServerWebExchange exchange) {
        return Responses.json(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                Json.object(
                        "title", "Too Many Requests",
                        "detail", "Too Many Requests",
                        "type", "about:blank",
                        "status", 429));
    }

    static Mono<Void> xUnauthorized(ServerWebExchange exchange) {
        return Responses.json(
                exchange,
                HttpStatus.UNAUTHORIZED,
                Json.object("title", "Unauthorized", "type", "about:blank", "status", 401, "detail", "Unauthorized"));
    }

    public static Mono<Void> tiktokTooManyRequests(ServerWebExchange exchange, long retryAfterSeconds) {
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
        return Responses.json(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                tiktokError("rate_limit_exceeded", "The API rate limit was exceeded. Please try again later."));
    }

    /**
     * The Research API's daily quota (requests or records) used up: 429 {@code daily_quota_limit_exceeded}, until
     * 00:00 UTC.
     */
    public static Mono<Void> tiktokDailyQuota(ServerWebExchange exchange, long secondsToReset) {
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(secondsToReset));
        return Responses.json(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                tiktokError(
                        "daily_quota_limit_exceeded",
                        "The daily quota of the Research API is used up; it resets at 00:00 UTC."));
    }

    static Mono<Void> tiktokUnauthorized(ServerWebExchange exchange) {
        return Responses.json(
                exchange,
                HttpStatus.UNAUTHORIZED,
                tiktokError("access_token_invalid", "The access token is invalid or not found in the request."));
    }

    public static Map<String, Object> tiktokError(String code, String message) {
        return Json.object(
                "error",
                Json.object(
                        "code", code, "message", message, "log_id", "2026SIM" + Integer.toHexString(code.hashCode())));
    }

    /** Mastodon's rate-limit headers: the reset is an ISO 8601 time, not seconds. */
    public static void mastodonHeaders(HttpHeaders headers, int limit, int remaining, long resetEpochSecond) {
        headers.set("X-RateLimit-Limit", String.valueOf(limit));
        headers.set("X-RateLimit-Remaining", String.valueOf(Math.max(0, remaining)));
        headers.set("X-RateLimit-Reset", Instant.ofEpochSecond(resetEpochSecond).toString());
    }

    /** 429 as Mastodon answers it: {@code {"error":"Too many requests"}} with the rate-limit headers. */
    public static Mono<Void> mastodonTooManyRequests(ServerWebExchange exchange, int limit, long resetEpochSecond) {
        mastodonHeaders(exchange.getResponse().getHeaders(), limit, 0, resetEpochSecond);
        return Responses.json(exchange, HttpStatus.TOO_MANY_REQUESTS, Json.object("error", "Too many requests"));
    }

    /**
     * Bluesky's rate-limit headers (IETF draft names, lower case): {@code ratelimit-limit}, {@code -remaining},
     * {@code -reset} in epoch seconds and {@code ratelimit-policy} as {@code <limit>;w=<seconds>}.
     */
    public static void appViewHeaders(
            HttpHeaders headers, int limit, int remaining, long resetEpochSecond, SimulatorProperties.Window window) {
        headers.set("ratelimit-limit", String.valueOf(limit));
        headers.set("ratelimit-remaining", String.valueOf(Math.max(0, remaining)));
        headers.set("ratelimit-reset", String.valueOf(resetEpochSecond));
        headers.set("ratelimit-policy", limit + ";w=" + window.window().toSeconds());
    }

    /** 429 as the AppView answers it: {@code {"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}}. */
    public static Mono<Void> appViewTooManyRequests(ServerWebExchange exchange) {
        return Responses.json(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                Json.object("error", "RateLimitExceeded", "message", "Rate Limit Exceeded"));
    }
}
