package io.onestore.ingestor.source.bluesky;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.BlueskySettings;
import io.onestore.ingestor.source.FetchOutcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;

/**
 * Bluesky's public AppView over XRPC, without an account: {@code com.atproto.identity.resolveHandle} (a handle's
 * DID), {@code app.bsky.actor.getProfile} and {@code app.bsky.actor.getProfiles} (up to {@value #MAX_ACTORS} actors
 * a call; actors it does not know are left out of the answer). Every answer becomes a {@link FetchOutcome}: 400
 * ({@code InvalidRequest}: "Profile not found", "Unable to resolve handle") and other 4xx are {@code Rejected};
 * 429 is {@code RateLimited} until {@code ratelimit-reset} (epoch seconds), and no call is made before then; 5xx,
 * timeouts and connection failures are {@code Transient}; a body that is not the expected JSON is {@code Malformed}
 * with the body kept. Calls are also held to {@code requests-per-window} here (a resilience4j limiter), beyond which
 * the answer is {@code RateLimited} without a call. Never errors. One count per call in
 * {@code onestore.source.requests{source=bluesky-appview, endpoint, outcome}}.
 */
public final class AppViewClient {

    public static final String SOURCE = "bluesky-appview";
    public static final int MAX_ACTORS = 25;

    private final WebClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RateLimiter budget;
    /** Until when the AppView said to wait (its 429 or a spent window); shared by every caller, hence volatile. */
    private volatile Instant coolUntil = Instant.MIN;

    public AppViewClient(
            WebClient http, ObjectMapper json, BlueskySettings.AppView settings, Clock clock, MeterRegistry meters) {
        this.http = http;
        this.json = json;
        this.timeout = settings.timeout();
        this.clock = clock;
        this.meters = meters;
        this.budget = RateLimiter.of(
                SOURCE,
                RateLimiterConfig.custom()
                        .limitForPeriod(settings.requestsPerWindow())
                        .limitRefreshPeriod(settings.window())
                        .timeoutDuration(Duration.ZERO)
                        .build());
    }

    /** The DID a handle points to now ({@code did:plc:…} or {@code did:web:…}). */
    public Mono<FetchOutcome<String>> resolveHandle(String handle) {
        return get(
                "resolve_handle",
                uri -> uri.path("/xrpc/com.atproto.identity.resolveHandle")
                        .queryParam("handle", "{handle}")
                        .build(handle),
                body -> {
                    String did = body.path("did").asText("");
                    if (!did.startsWith("did:")) {
                        throw new IllegalArgumentException("no did in the answer");
                    }
                    return did;
                });
    }

    /** One actor's {@code profileViewDetailed}; an unknown actor is {@code Rejected} ("Profile not found"). */
    public Mono<FetchOutcome<JsonNode>> profile(String actor) {
        return get(
                "get_profile",
                uri -> uri.path("/xrpc/app.bsky.actor.getProfile")
                        .queryParam("actor", "{actor}")
                        .build(actor),
                body -> {
                    if (!body.path("did").isTextual()) {
                        throw new IllegalArgumentException("no did in the profile");
                    }
                    return body;
                });
    }

    /** The {@code profileViewDetailed} of each known actor of {@code actors} (1 to {@value #MAX_ACTORS}). */
    public Mono<FetchOutcome<List<JsonNode>>> profiles(List<String> actors) {
        if (actors.isEmpty() || actors.size() > MAX_ACTORS) {
            throw new IllegalArgumentException("1 to " + MAX_ACTORS + " actors a call, not " + actors.size());
        }
        Function<UriBuilder, URI> uri = builder -> {
            builder.path("/xrpc/app.bsky.actor.getProfiles");
            for (int i = 0; i < actors.size(); i++) {
                builder.queryParam("actors", "{a" + i + "}");
            }
            return builder.build(actors.toArray());
        };
        return get("get_profiles", uri, body -> {
            JsonNode profiles = body.path("profiles");
            if (!profiles.isArray()) {
                throw new IllegalArgumentException("no profiles array");
            }
            List<JsonNode> list = new ArrayList<>();
            for (JsonNode profile : profiles) {
                if (!profile.path("did").isTextual()) {
                    throw new IllegalArgumentException("a profile without did");
                }
                list.add(profile);
            }
            return list;
        });
    }

    private <T> Mono<FetchOutcome<T>> get(
            String endpoint, Function<UriBuilder, URI> uri, Function<JsonNode, T> parser) {
        Instant now = clock.instant();
        if (now.isBefore(coolUntil)) {
            return Mono.just(new FetchOutcome.RateLimited<>(
                    Duration.between(now, coolUntil), "the AppView asked to wait until " + coolUntil));
        }
        if (!budget.acquirePermission()) {
            return Mono.just(new FetchOutcome.RateLimited<>(null, "requests-per-window spent"));
        }
        return http.get()
                .uri(uri)
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(body -> classify(
                                response.statusCode(), response.headers().asHttpHeaders(), body, parser)))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(transport(e)))
                .doOnNext(outcome -> Counter.builder("onestore.source.requests")
                        .description("upstream calls by source, endpoint and outcome")
                        .tag("source", SOURCE)
                        .tag("endpoint", endpoint)
                        .tag("outcome", outcome.label())
                        .register(meters)
                        .increment());
    }

    private <T> FetchOutcome<T> classify(
            HttpStatusCode status, HttpHeaders headers, String body, Function<JsonNode, T> parser) {
        Instant reset = reset(headers);
        int code = status.value();
        if (code == 429) {
            Instant until = reset != null ? reset : clock.instant().plusSeconds(60);
            coolUntil = until;
            return new FetchOutcome.RateLimited<>(
                    Duration.between(clock.instant(), until).isNegative()
                            ? null
                            : Duration.between(clock.instant(), until),
                    "429 from the AppView; reset " + until);
        }
        if ("0".equals(headers.getFirst("ratelimit-remaining")) && reset != null) {
            coolUntil = reset; // this answer is good, the next would be a 429
        }
        if (status.is5xxServerError()) {
            return new FetchOutcome.Transient<>("AppView error " + code);
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (status.is4xxClientError()) {
            // XRPC errors are {"error": "InvalidRequest", "message": "Profile not found"}: the message names the fault.
            String message = node == null ? "" : node.path("message").asText("");
            return new FetchOutcome.Rejected<>(
                    "refused with " + code + (message.isEmpty() ? "" : " (" + message + ")"));
        }
        if (node == null || !node.isObject()) {
            return new FetchOutcome.Malformed<>("the AppView's answer is not a JSON object", body);
        }
        try {
            return FetchOutcome.ok(parser.apply(node));
        } catch (RuntimeException unexpectedShape) {
            return new FetchOutcome.Malformed<>("unexpected JSON shape: " + unexpectedShape.getMessage(), body);
        }
    }

    private static <T> FetchOutcome<T> transport(Throwable e) {
        if (e instanceof TimeoutException) {
            return new FetchOutcome.Transient<>("timed out");
        }
        return new FetchOutcome.Transient<>("request failed: " + e.getClass().getSimpleName());
    }

    /** Bluesky sends {@code ratelimit-reset} in epoch seconds. */
    private static Instant reset(HttpHeaders headers) {
        String value = headers.getFirst("ratelimit-reset");
        try {
            return value == null ? null : Instant.ofEpochSecond(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
