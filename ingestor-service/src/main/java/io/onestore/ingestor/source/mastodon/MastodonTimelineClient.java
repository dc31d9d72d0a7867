package io.onestore.ingestor.source.mastodon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.source.FetchOutcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/timelines/tag/{tag}} on any Mastodon server, without an account. The answer becomes a
 * {@link FetchOutcome}: a JSON array is {@code Ok}; 429 is {@code RateLimited} until {@code X-RateLimit-Reset};
 * 401, 403 and 422 (the server shows its hashtag timelines to signed-in users only) are {@code LoginWall}, the
 * server's refusal, not ours to retry every cycle; 404 and other 4xx are {@code Rejected}; 5xx, timeouts and
 * connection failures are {@code Transient}; any other body is {@code Malformed}. Never errors. One count per call in
 * {@code onestore.source.requests{source=mastodon, endpoint=timeline_tag, outcome}}.
 */
public final class MastodonTimelineClient {

    private final WebClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Clock clock;
    private final MeterRegistry meters;

    public MastodonTimelineClient(
            WebClient http, ObjectMapper json, Duration timeout, Clock clock, MeterRegistry meters) {
        this.http = http;
        this.json = json;
        this.timeout = timeout;
        this.clock = clock;
        this.meters = meters;
    }

    public Mono<FetchOutcome<TimelinePage>> page(TimelineQuery query) {
        URI uri = uri(query);
        return http.get()
                .uri(uri)
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(body -> classify(
                                response.statusCode(), response.headers().asHttpHeaders(), body)))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(transport(e)))
                .doOnNext(outcome -> Counter.builder("onestore.source.requests")
                        .description("upstream calls by source, endpoint and outcome")
                        .tag("source", "mastodon")
                        .tag("endpoint", "timeline_tag")
                        .tag("outcome", outcome.label())
                        .register(meters)
                        .increment());
    }

    static URI uri(TimelineQuery query) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(query.server())
                .path("/api/v1/timelines/tag/{tag}")
                .queryParam("limit", query.limit());
        if (query.minId() != null) {
            builder.queryParam("min_id", query.minId());
        }
        if (query.maxId() != null) {
            builder.queryParam("max_id", query.maxId());
        }
        return builder.encode().buildAndExpand(query.tag()).toUri();
    }

    private FetchOutcome<TimelinePage> classify(HttpStatusCode status, HttpHeaders headers, String body) {
        Instant reset = reset(headers);
        int code = status.value();
        if (code == 429) {
            Duration wait = reset == null ? null : Duration.between(clock.instant(), reset);
            return new FetchOutcome.RateLimited<>(
                    wait == null || wait.isNegative() ? null : wait, "429 from the server; reset " + reset);
        }
        if (code == 401 || code == 403 || code == 422) {
            return new FetchOutcome.LoginWall<>(
                    "the server shows its hashtag timelines to signed-in users only (" + code + ")");
        }
        if (status.is5xxServerError()) {
            return new FetchOutcome.Transient<>("server error " + code);
        }
        if (!status.is2xxSuccessful()) {
            return new FetchOutcome.Rejected<>("refused with " + code);
        }
        JsonNode array;
        try {
            array = json.readTree(body);
        } catch (JsonProcessingException e) {
            return new FetchOutcome.Malformed<>("the timeline is not JSON", body);
        }
        if (array == null || !array.isArray()) {
            return new FetchOutcome.Malformed<>("the timeline is not a JSON array", body);
        }
        List<JsonNode> statuses = new ArrayList<>();
        array.forEach(statuses::add);
        return FetchOutcome.ok(new TimelinePage(statuses, remaining(headers), reset));
    }

    private static FetchOutcome<TimelinePage> transport(Throwable e) {
        if (e instanceof TimeoutException) {
            return new FetchOutcome.Transient<>("timed out");
        }
        if (e instanceof WebClientRequestException) {
            return new FetchOutcome.Transient<>("connection failed: " + e.getCause());
        }
        return new FetchOutcome.Transient<>("request failed: " + e.getClass().getSimpleName());
    }

    private static Integer remaining(HttpHeaders headers) {
        String value = headers.getFirst("X-RateLimit-Remaining");
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Mastodon sends the reset as an ISO 8601 time ({@code 2026-11-30T18:35:00.000Z}), not in seconds. */
    private static Instant reset(HttpHeaders headers) {
        String value = headers.getFirst("X-RateLimit-Reset");
        try {
            return value == null ? null : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
