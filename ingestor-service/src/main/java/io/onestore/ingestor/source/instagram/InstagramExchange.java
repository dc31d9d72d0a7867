package io.onestore.ingestor.source.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.ResilientHttp;
import io.onestore.model.json.ContractJson;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;

/**
 * One GET against an Instagram upstream, the way every endpoint client needs it: the answer classified into a
 * {@link FetchOutcome}, the JSON read into the endpoint's payload record, transient faults retried with exponential
 * backoff (resilience4j {@link Retry}) behind the upstream's {@link CircuitBreaker}, a timeout, and one count per
 * call in {@code onestore.source.requests{source, endpoint, outcome}}. It never errors and never logs a URL, since
 * Graph URLs carry the access token.
 */
public final class InstagramExchange {

    private final WebClient http;
    private final String source;
    private final Duration timeout;
    private final InstagramResponseClassifier classifier;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final MeterRegistry meters;

    public InstagramExchange(
            WebClient http,
            String source,
            Duration timeout,
            InstagramResponseClassifier classifier,
            CircuitBreaker breaker,
            Retry retry,
            MeterRegistry meters) {
        this.http = http;
        this.source = source;
        this.timeout = timeout;
        this.classifier = classifier;
        this.breaker = breaker;
        this.retry = retry;
        this.meters = meters;
    }

    /**
     * The exchange as the service wires it: a reactor-netty client with connect and response timeouts, bodies up to
     * {@code maxBodySize}, retries of transient faults with exponential backoff, and a circuit breaker named
     * {@code source} (one per upstream).
     */
    public static InstagramExchange create(
            SourceSettings.Instagram settings,
            String source,
            WebClient.Builder builder,
            CircuitBreakerRegistry breakers,
            RetryRegistry retries,
            MeterRegistry meters,
            Clock clock) {
        WebClient http = ResilientHttp.webClient(
                builder, settings.effectiveBaseUrl(), settings.timeout(), settings.maxBodySize());
        CircuitBreaker breaker =
                breakers.circuitBreaker(source, ResilientHttp.breaker(settings.circuitBreaker(), TransientFault.class));
        Retry retry = retries.retry(source, ResilientHttp.retry(settings.retry(), TransientFault.class));
        InstagramResponseClassifier classifier = new InstagramResponseClassifier(ContractJson.mapper(), clock);
        return new InstagramExchange(http, source, settings.timeout(), classifier, breaker, retry, meters);
    }

    /** The source label documents and metrics carry, e.g. {@code instagram-web}. */
    public String source() {
        return source;
    }

    /**
     * @param endpoint a short name for metrics ({@code tag}, {@code profile}, {@code recent_media}, …)
     * @param parser reads the endpoint's payload record out of the JSON; an exception means the body had an
     *     unexpected shape and becomes {@link FetchOutcome.Malformed} with the body verbatim
     */
    public <P> Mono<FetchOutcome<P>> get(
            String endpoint,
            Function<UriBuilder, URI> uri,
            Consumer<HttpHeaders> headers,
            Function<JsonNode, P> parser) {
        Mono<FetchOutcome<P>> once = Mono.defer(() -> http.get()
                        .uri(uri)
                        .headers(headers)
                        .exchangeToMono(response -> response.bodyToMono(String.class)
                                .defaultIfEmpty("")
                                .map(body -> ResilientHttp.parsed(
                                        classifier.classify(
                                                response.statusCode().value(),
                                                response.headers().asHttpHeaders(),
                                                body),
                                        body,
                                        parser)))
                        .timeout(timeout))
                .onErrorResume(e -> !(e instanceof TransientFault), e -> Mono.just(ResilientHttp.fault(e)))
                .doOnNext(outcome -> count(endpoint, outcome))
                .flatMap(outcome -> outcome instanceof FetchOutcome.Transient<P> t
                        ? Mono.error(new TransientFault(t))
                        : Mono.just(outcome));
        return once.transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(RetryOperator.of(retry))
                .onErrorResume(TransientFault.class, e -> Mono.just(e.<P>outcome()))
                .onErrorResume(
                        CallNotPermittedException.class,
                        e -> Mono.just(new FetchOutcome.Transient<>("circuit breaker " + breaker.getName() + " open")))
                .onErrorResume(e -> Mono.just(ResilientHttp.fault(e)));
    }

    private void count(String endpoint, FetchOutcome<?> outcome) {
        meters.counter("onestore.source.requests", "source", source, "endpoint", endpoint, "outcome", outcome.label())
                .increment();
    }

    /** Carries a transient outcome through resilience4j, which retries and records exceptions, not values. */
    static final class TransientFault extends RuntimeException {
        private final transient FetchOutcome.Transient<?> outcome;

        TransientFault(FetchOutcome.Transient<?> outcome) {
            super(outcome.reason(), null, false, false);
            this.outcome = outcome;
        }

        @SuppressWarnings("unchecked")
        <P> FetchOutcome<P> outcome() {
            return (FetchOutcome<P>) outcome;
        }
    }
}
