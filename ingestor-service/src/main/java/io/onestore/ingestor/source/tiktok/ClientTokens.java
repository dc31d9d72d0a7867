package io.onestore.ingestor.source.tiktok;

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
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * {@link TikTokResearchClient}'s client access tokens ({@code POST /v2/oauth/token/}, client credentials, valid two
 * hours): one is kept and used until {@code refreshMargin} before it expires; concurrent callers share one renewal.
 * The key, secret and tokens never appear in a reason or a log line.
 */
final class ClientTokens {

    /** A token and the instant it stops being valid. */
    record Token(String value, Instant expires) {

        @Override
        public String toString() {
            return "Token[expires=" + expires + "]";
        }
    }

    private final WebClient http;
    private final ObjectMapper json;
    private final URI uri;
    private final ClientCredentials credentials;
    private final Duration refreshMargin;
    private final Duration timeout;
    private final Clock clock;
    private final MeterRegistry meters;
    // The token in use and the renewal under way; both replaced under this object's lock.
    private Token current;
    private Mono<FetchOutcome<Token>> renewing;

    ClientTokens(
            WebClient http,
            ObjectMapper json,
            URI baseUrl,
            ClientCredentials credentials,
            Duration refreshMargin,
            Duration timeout,
            Clock clock,
            MeterRegistry meters) {
        this.http = http;
        this.json = json;
        this.uri = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/v2/oauth/token/");
        this.credentials = credentials;
        this.refreshMargin = refreshMargin;
        this.timeout = timeout;
        this.clock = clock;
        this.meters = meters;
    }

    /** The token to use: the kept one while it has more than the margin left, else a new one. */
    synchronized Mono<FetchOutcome<Token>> token() {
        Token kept = current;
        if (kept != null && clock.instant().isBefore(kept.expires().minus(refreshMargin))) {
            return Mono.just(FetchOutcome.ok(kept));
        }
        if (renewing == null) {
            renewing = issue().doOnNext(this::keep).cache();
        }
        return renewing;
    }

    /** The upstream refused {@code used} (401): the next call gets a new token. */
    synchronized void forget(Token used) {
        if (current != null && current.value().equals(used.value())) {
            current = null;
        }
    }

    private synchronized void keep(FetchOutcome<Token> outcome) {
        if (outcome instanceof FetchOutcome.Ok<Token> ok) {
            current = ok.value();
        }
        renewing = null;
    }

    private Mono<FetchOutcome<Token>> issue() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("client_key", credentials.key());
        form.add("client_secret", credentials.secret());
        form.add("grant_type", "client_credentials");
        Instant asked = clock.instant();
        return http.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(text -> answer(response.statusCode(), text, asked)))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(TikTokResearchClient.transport(e)))
                .doOnNext(outcome -> Counter.builder("onestore.source.requests")
                        .description("upstream calls by source, endpoint and outcome")
                        .tag("source", "tiktok")
                        .tag("endpoint", "oauth_token")
                        .tag("outcome", outcome.label())
                        .register(meters)
                        .increment());
    }

    private FetchOutcome<Token> answer(HttpStatusCode status, String body, Instant asked) {
        if (status.is5xxServerError()) {
            return new FetchOutcome.Transient<>("token endpoint error " + status.value());
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            return new FetchOutcome.Transient<>("the token endpoint did not answer JSON");
        }
        String token = tree == null ? null : tree.path("access_token").asText(null);
        if (!status.is2xxSuccessful() || token == null || token.isBlank()) {
            String error = tree == null ? "" : tree.path("error").asText("");
            return new FetchOutcome.LoginWall<>(
                    "TikTok refused the client credentials (" + status.value() + " " + error + ")");
        }
        long seconds = tree.path("expires_in").asLong(7200);
        return FetchOutcome.ok(new Token(token, asked.plusSeconds(seconds)));
    }
}
