package io.onestore.ingestor.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.netty.channel.ChannelOption;
import io.onestore.ingestor.config.SourceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * How every upstream client is set up: a reactor-netty {@code WebClient} with connect and response timeouts and a
 * body limit, and the resilience4j configurations of its retry (exponential backoff) and circuit breaker, both acting
 * on the client's own transient-fault exception only; and how an answer or a failed request becomes a
 * {@link FetchOutcome}.
 */
public final class ResilientHttp {

    private ResilientHttp() {}

    public static WebClient webClient(WebClient.Builder builder, URI baseUrl, Duration timeout, DataSize maxBodySize) {
        HttpClient netty = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .responseTimeout(timeout);
        return builder.clone()
                .baseUrl(baseUrl.toString())
                .clientConnector(new ReactorClientHttpConnector(netty))
                .codecs(codecs -> codecs.defaultCodecs()
                        .maxInMemorySize((int) Math.min(Integer.MAX_VALUE, maxBodySize.toBytes())))
                .build();
    }

    public static CircuitBreakerConfig breaker(
            SourceSettings.CircuitBreaker settings, Class<? extends Throwable> transientFault) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRatePercent())
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openFor())
                .recordExceptions(transientFault)
                .build();
    }

    /**
     * An answer classified {@code Ok} made into what the caller wants; a body that is JSON of another shape than the
     * parser expects is {@code Malformed} with the body kept verbatim.
     */
    public static <P> FetchOutcome<P> parsed(
            FetchOutcome<JsonNode> outcome, String body, Function<JsonNode, P> parser) {
        if (!(outcome instanceof FetchOutcome.Ok<JsonNode> ok)) {
            return outcome.map(node -> null);
        }
        try {
            return FetchOutcome.ok(parser.apply(ok.value()));
        } catch (RuntimeException unexpectedShape) {
            return new FetchOutcome.Malformed<>("unexpected JSON shape: " + unexpectedShape.getMessage(), body);
        }
    }

    /**
     * A request that failed without an answer. Exception messages of the HTTP stack may quote the request URL, and
     * with it a token: only the type is kept.
     */
    public static <P> FetchOutcome<P> fault(Throwable e) {
        if (e instanceof TimeoutException) {
            return new FetchOutcome.Transient<>("timeout");
        }
        if (e instanceof DataBufferLimitException) {
            return new FetchOutcome.Rejected<>("body larger than max-body-size");
        }
        return new FetchOutcome.Transient<>("request failed: " + e.getClass().getSimpleName());
    }

    public static RetryConfig retry(SourceSettings.Retry settings, Class<? extends Throwable> transientFault) {
        return RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(
                        IntervalFunction.ofExponentialBackoff(settings.initialBackoff(), settings.multiplier()))
                .retryExceptions(transientFault)
                .build();
    }
}
