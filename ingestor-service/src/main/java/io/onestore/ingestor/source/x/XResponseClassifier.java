package io.onestore.ingestor.source.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.ingestor.source.FetchOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns an X API v2 answer into a {@link FetchOutcome}. X answers errors as problem JSON ({@code title},
 * {@code type}, {@code detail}); what matters to the pool: 429 is a rate limit until {@code x-rate-limit-reset}
 * unless its type is {@code usage-capped} (the monthly read cap: no reset will help), 402 means the prepaid credits
 * are used up, 401/403 a token X no longer accepts. A 200 may carry {@code errors[]} and no {@code data} (an unknown
 * or suspended user): the request is at fault, not the token. Reasons carry X's fixed {@code title}s at most, never a
 * header, URL or detail text.
 */
final class XResponseClassifier {

    private final ObjectMapper json;
    private final Clock clock;

    XResponseClassifier(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    FetchOutcome<JsonNode> classify(int status, XRateLimit rate, String body) {
        JsonNode node = parse(body);
        if (status == 200) {
            if (node == null || !node.isObject()) {
                return new FetchOutcome.Malformed<>("200 without a JSON object", body);
            }
            if (!node.has("data") && !node.has("meta") && node.path("errors").isArray()) {
                return new FetchOutcome.Rejected<>(
                        "X answered errors only: " + title(node.path("errors").path(0)));
            }
            return FetchOutcome.ok(node);
        }
        String problem = node == null
                ? ""
                : node.path("type").asText("") + " " + node.path("title").asText("");
        if (status == 429) {
            if (problem.toLowerCase(Locale.ROOT).contains("usage-cap")
                    || problem.toLowerCase(Locale.ROOT).contains("usagecap")) {
                return new FetchOutcome.OutOfCredit<>("429 usage cap exceeded: the monthly read cap is reached");
            }
            return new FetchOutcome.RateLimited<>(untilReset(rate), "429 from X");
        }
        if (status == 402) {
            return new FetchOutcome.OutOfCredit<>("402 payment required: the prepaid credits are used up");
        }
        if (status == 401) {
            return new FetchOutcome.LoginWall<>("401: X does not accept the bearer token");
        }
        if (status == 403) {
            return new FetchOutcome.LoginWall<>(
                    "403: the token may not use this endpoint (" + (node == null ? "no body" : title(node)) + ")");
        }
        if (status >= 500 || status == 408) {
            return new FetchOutcome.Transient<>("HTTP " + status + " from X");
        }
        return new FetchOutcome.Rejected<>("HTTP " + status + " from X" + (node == null ? "" : ": " + title(node)));
    }

    /** How long until the window resets; null when X did not say (the configured cooldown applies). */
    private Duration untilReset(XRateLimit rate) {
        if (rate.reset() == null) {
            return null;
        }
        Duration wait = Duration.between(Instant.now(clock), rate.reset());
        // One second more: the reset instant is whole seconds, and a call right at it may still be refused.
        return wait.isNegative() ? Duration.ofSeconds(1) : wait.plusSeconds(1);
    }

    private static String title(JsonNode problem) {
        String title = problem.path("title").asText("");
        return title.isEmpty() ? "untitled" : title.length() > 80 ? title.substring(0, 80) : title;
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
