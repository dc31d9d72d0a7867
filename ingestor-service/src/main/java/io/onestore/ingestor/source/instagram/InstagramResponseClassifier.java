package io.onestore.ingestor.source.instagram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.ingestor.source.FetchOutcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Turns an Instagram or Graph API answer into a {@link FetchOutcome}. Instagram signals trouble in many ways besides
 * the status code (design.md §3): a 302 to the login page, a login page served as 200 HTML, {@code
 * checkpoint_required} in a 400 body, "Please wait a few minutes" in a 401; the Graph API throttles with HTTP 400/403
 * and an error code rather than 429. Reasons never contain a URL, header value or body: those may carry a token.
 */
public final class InstagramResponseClassifier {

    /**
     * Graph API throttling: application (4), user (17), page (32), application limit reached (341), temporarily
     * blocked for going too fast (368), custom (613) and Instagram business use case (80002) rate limits.
     */
    private static final Set<Integer> GRAPH_THROTTLED = Set.of(4, 17, 32, 341, 368, 613, 80002);
    /** Graph API codes that mean the token or its permissions are no good any more. */
    private static final Set<Integer> GRAPH_TOKEN_DEAD = Set.of(10, 102, 190, 200);
    /**
     * Documented as temporary, "wait and retry": 1 API unknown, 2 API service, and Instagram's own -1 (server error,
     * "Try again") and -2 (timeout), which the Graph API answers with HTTP 400.
     */
    private static final Set<Integer> GRAPH_RETRYABLE = Set.of(-2, -1, 1, 2);
    /** Instagram's subcodes documented as "try again": 2207001 server error, 2207003 timeout, 2207032 create failed. */
    private static final Set<Integer> GRAPH_RETRYABLE_SUBCODES = Set.of(2207001, 2207003, 2207032);
    /** How error messages say the fault is the upstream's and passes ("Try again.", "Please retry later"). */
    private static final Pattern SAYS_TRY_AGAIN = Pattern.compile(
            "\\btry again\\b|\\bretry\\b|temporarily unavailable|timed? ?out|oops, an error occurred",
            Pattern.CASE_INSENSITIVE);
    /** Instagram's answers that a session needs a human. */
    private static final Set<String> LOGIN_MESSAGES =
            Set.of("checkpoint_required", "challenge_required", "login_required");

    private final ObjectMapper json;
    private final Clock clock;

    public InstagramResponseClassifier(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public FetchOutcome<JsonNode> classify(int status, HttpHeaders headers, String body) {
        if (status >= 300 && status < 400) {
            URI location = headers.getLocation();
            String path = location == null ? "" : String.valueOf(location.getPath());
            if (path.contains("/accounts/login") || path.contains("/challenge")) {
                return new FetchOutcome.LoginWall<>("redirected to the login page (HTTP " + status + ")");
            }
            return new FetchOutcome.Transient<>("unexpected redirect (HTTP " + status + ")");
        }
        if (status == 429) {
            return new FetchOutcome.RateLimited<>(retryAfter(headers), "HTTP 429");
        }
        JsonNode parsed = parse(body);
        if (parsed != null && parsed.path("error").isObject()) {
            return graphError(status, headers, parsed.path("error"));
        }
        String message = parsed == null ? "" : parsed.path("message").asText("");
        if (message.toLowerCase(Locale.ROOT).contains("please wait a few minutes")) {
            return new FetchOutcome.PleaseWait<>("please wait a few minutes (HTTP " + status + ")");
        }
        if (message.equals("feedback_required")
                || parsed != null && parsed.path("spam").asBoolean(false)) {
            // An action block on the account ("Try Again Later" in feedback_title): the account waits, not the
            // upstream.
            return new FetchOutcome.PleaseWait<>("feedback_required (HTTP " + status + ")");
        }
        if (LOGIN_MESSAGES.contains(message)) {
            return new FetchOutcome.LoginWall<>(message + " (HTTP " + status + ")");
        }
        if (status >= 500) {
            return new FetchOutcome.Transient<>("HTTP " + status);
        }
        if (status >= 400 && SAYS_TRY_AGAIN.matcher(message).find()) {
            return new FetchOutcome.Transient<>("upstream says to try again (HTTP " + status + ")");
        }
        if (status == 401 || status == 403) {
            return new FetchOutcome.LoginWall<>("not logged in (HTTP " + status + ")");
        }
        if (status >= 400) {
            return new FetchOutcome.Rejected<>(status == 404 ? "not found (HTTP 404)" : "HTTP " + status);
        }
        if (isHtml(headers, body)) {
            // Instagram serves its login page with 200 to a session it no longer trusts.
            return new FetchOutcome.LoginWall<>("HTML page instead of JSON");
        }
        if (parsed == null) {
            return new FetchOutcome.Malformed<>("body is not JSON", body);
        }
        return FetchOutcome.ok(parsed);
    }

    /**
     * By the documented meaning of the error: throttling cools the account down, a dead token takes it out, and what
     * the documentation calls temporary ({@link #GRAPH_RETRYABLE}, {@link #GRAPH_RETRYABLE_SUBCODES},
     * {@code is_transient: true}, a message saying to try again, any 5xx) is transient: retried with backoff and
     * recorded by the circuit breaker, whatever the HTTP status (Instagram's server errors come as HTTP 400).
     */
    private FetchOutcome<JsonNode> graphError(int status, HttpHeaders headers, JsonNode error) {
        Integer code = error.path("code").canConvertToInt() ? error.path("code").asInt() : null;
        Integer subcode = error.path("error_subcode").canConvertToInt()
                ? error.path("error_subcode").asInt()
                : null;
        String reason =
                "graph error code " + code + (subcode == null ? "" : " subcode " + subcode) + " (HTTP " + status + ")";
        if (code != null && GRAPH_THROTTLED.contains(code)) {
            return new FetchOutcome.RateLimited<>(graphRetryAfter(headers), reason);
        }
        if (code != null && GRAPH_TOKEN_DEAD.contains(code)) {
            return new FetchOutcome.LoginWall<>(reason);
        }
        if (status >= 500
                || error.path("is_transient").asBoolean(false)
                || (code != null && GRAPH_RETRYABLE.contains(code))
                || (subcode != null && GRAPH_RETRYABLE_SUBCODES.contains(subcode))
                || SAYS_TRY_AGAIN.matcher(error.path("message").asText("")).find()
                || SAYS_TRY_AGAIN
                        .matcher(error.path("error_user_msg").asText(""))
                        .find()) {
            return new FetchOutcome.Transient<>(reason);
        }
        return new FetchOutcome.Rejected<>(reason);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    private Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /**
     * The Graph API says when access comes back in {@code X-Business-Use-Case-Usage}: per business id, a list of
     * usages each with {@code estimated_time_to_regain_access} in minutes. {@code X-App-Usage} only has percentages.
     */
    private Duration graphRetryAfter(HttpHeaders headers) {
        JsonNode usage = parse(headers.getFirst("X-Business-Use-Case-Usage"));
        if (usage == null) {
            return null;
        }
        long minutes = 0;
        for (JsonNode perBusiness : usage) {
            for (JsonNode entry : perBusiness) {
                minutes = Math.max(
                        minutes, entry.path("estimated_time_to_regain_access").asLong(0));
            }
        }
        return minutes > 0 ? Duration.ofMinutes(minutes) : null;
    }

    private static boolean isHtml(HttpHeaders headers, String body) {
        MediaType type = headers.getContentType();
        if (type != null && type.isCompatibleWith(MediaType.TEXT_HTML)) {
            return true;
        }
        String start = body.stripLeading();
        return start.startsWith("<!") || start.regionMatches(true, 0, "<html", 0, 5);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
