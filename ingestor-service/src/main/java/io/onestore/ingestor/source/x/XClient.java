package io.onestore.ingestor.source.x;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.config.XSettings;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.ResilientHttp;
import io.onestore.model.json.ContractJson;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;

/**
 * The X API v2, the three endpoints OneStore reads, each call with one bearer token from the pool: recent search
 * ({@code GET /2/tweets/search/recent}, 7 days back, newest first), tweet counts ({@code GET /2/tweets/counts/recent},
 * hourly) and a user by username ({@code GET /2/users/by/username/{username}}). Every answer comes back typed
 * ({@link XResponseClassifier}) with the token's rate-limit window; 5xx and timeouts are retried with backoff behind
 * one circuit breaker, and each call is counted in {@code onestore.source.requests{source=x-api-v2, endpoint,
 * outcome}}. Never errors, never logs a URL or a token.
 */
public final class XClient {

    /** The {@code source} X documents and request metrics carry. */
    public static final String SOURCE = "x-api-v2";

    static final String TWEET_FIELDS = "author_id,public_metrics,created_at,entities,lang,referenced_tweets,withheld";
    static final String USER_FIELDS = "public_metrics,username,verified,name,protected,created_at";

    private final WebClient http;
    private final XResponseClassifier classifier;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final MeterRegistry meters;
    private final Duration timeout;

    XClient(
            WebClient http,
            XResponseClassifier classifier,
            CircuitBreaker breaker,
            Retry retry,
            MeterRegistry meters,
            Duration timeout) {
        this.http = http;
        this.classifier = classifier;
        this.breaker = breaker;
        this.retry = retry;
        this.meters = meters;
        this.timeout = timeout;
    }

    /** The client as the service wires it: timeouts, a body limit, retries with exponential backoff, a breaker. */
    public static XClient create(XSettings settings, WebClient.Builder builder, MeterRegistry meters, Clock clock) {
        WebClient http =
                ResilientHttp.webClient(builder, settings.baseUrl(), settings.timeout(), settings.maxBodySize());
        CircuitBreaker breaker =
                CircuitBreaker.of(SOURCE, ResilientHttp.breaker(settings.circuitBreaker(), TransientFault.class));
        Retry retry = Retry.of(SOURCE, ResilientHttp.retry(settings.retry(), TransientFault.class));
        return new XClient(
                http,
                new XResponseClassifier(ContractJson.mapper(), clock),
                breaker,
                retry,
                meters,
                settings.timeout());
    }

    /**
     * One page of recent search, newest first, authors expanded.
     *
     * @param sinceId only posts newer than this id (the target's high-water mark); null for none
     * @param nextToken the page cursor of the previous page's {@code meta.next_token}; null for the first page
     * @param maxResults 10 to 100 posts; X bills every post it returns
     */
    public Mono<FetchOutcome<XAnswer<XSearchPage>>> searchRecent(
            String query, String sinceId, String nextToken, int maxResults, Account token) {
        return get(
                "search_recent",
                uri -> {
                    UriBuilder b = uri.path("/2/tweets/search/recent")
                            .queryParam("query", "{query}")
                            .queryParam("max_results", maxResults)
                            .queryParam("expansions", "author_id")
                            .queryParam("tweet.fields", TWEET_FIELDS)
                            .queryParam("user.fields", USER_FIELDS);
                    if (sinceId != null) {
                        b.queryParam("since_id", sinceId);
                    }
                    if (nextToken != null) {
                        b.queryParam("next_token", "{next}");
                    }
                    return nextToken != null ? b.build(query, nextToken) : b.build(query);
                },
                token,
                XSearchPage::read);
    }

    /**
     * Hourly post counts of the last 7 days: one billed request per page, whatever the volume.
     *
     * @param nextToken the previous page's {@code meta.next_token}; null for the first page
     */
    public Mono<FetchOutcome<XAnswer<XCounts>>> countsRecent(String query, String nextToken, Account token) {
        return get(
                "counts_recent",
                uri -> {
                    UriBuilder b = uri.path("/2/tweets/counts/recent")
                            .queryParam("query", "{query}")
                            .queryParam("granularity", "hour");
                    if (nextToken != null) {
                        b.queryParam("next_token", "{next}");
                    }
                    return nextToken != null ? b.build(query, nextToken) : b.build(query);
                },
                token,
                XCounts::read);
    }

    /** A public profile; an unknown or suspended username is {@link FetchOutcome.Rejected}. */
    public Mono<FetchOutcome<XAnswer<XUser>>> userByUsername(String username, Account token) {
        return get(
                "user_by_username",
                uri -> uri.path("/2/users/by/username/{username}")
                        .queryParam("user.fields", USER_FIELDS)
                        .build(username),
                token,
                XUser::read);
    }

    private <P> Mono<FetchOutcome<XAnswer<P>>> get(
            String endpoint, Function<UriBuilder, URI> uri, Account token, Function<JsonNode, P> parser) {
        Mono<FetchOutcome<XAnswer<P>>> once = Mono.defer(() -> http.get()
                        .uri(uri)
                        .headers(h -> h.setBearerAuth(token.token()))
                        .exchangeToMono(response -> response.bodyToMono(String.class)
                                .defaultIfEmpty("")
                                .map(body -> {
                                    XRateLimit rate =
                                            XRateLimit.of(response.headers().asHttpHeaders());
                                    return ResilientHttp.parsed(
                                            classifier.classify(
                                                    response.statusCode().value(), rate, body),
                                            body,
                                            node -> new XAnswer<>(parser.apply(node), rate));
                                }))
                        .timeout(timeout))
                .onErrorResume(e -> !(e instanceof TransientFault), e -> Mono.just(ResilientHttp.fault(e)))
                .doOnNext(outcome -> meters.counter(
                                "onestore.source.requests",
                                "source",
                                SOURCE,
                                "endpoint",
                                endpoint,
                                "outcome",
                                outcome.label())
                        .increment())
                .flatMap(outcome -> outcome instanceof FetchOutcome.Transient<?> t
                        ? Mono.error(new TransientFault(t))
                        : Mono.just(outcome));
        return once.transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(RetryOperator.of(retry))
                .onErrorResume(TransientFault.class, e -> Mono.just(new FetchOutcome.Transient<>(e.getMessage())))
                .onErrorResume(
                        CallNotPermittedException.class,
                        e -> Mono.just(new FetchOutcome.Transient<>("circuit breaker " + SOURCE + " open")))
                .onErrorResume(e -> Mono.just(ResilientHttp.fault(e)));
    }

    /** Carries a transient outcome through resilience4j, which retries and records exceptions, not values. */
    static final class TransientFault extends RuntimeException {
        TransientFault(FetchOutcome.Transient<?> outcome) {
            super(outcome.reason(), null, false, false);
        }
    }
}
