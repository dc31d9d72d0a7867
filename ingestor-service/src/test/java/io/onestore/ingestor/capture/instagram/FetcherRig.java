package io.onestore.ingestor.capture.instagram;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.account.AccountState;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.normalize.CaptureAssembler;
import io.onestore.ingestor.normalize.InstagramPayloadNormalizer;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.model.json.ContractJson;
import io.onestore.model.sentiment.VaderSentimentScorer;
import io.onestore.testsupport.time.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/** The fetcher wired as the service wires it, against a mock upstream, with a hand-moved clock and fast retries. */
public final class FetcherRig {

    public static final Instant START = Instant.parse("2025-11-26T12:00:00Z");

    public final TestClock clock = new TestClock(START);
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final SourceSettings.Instagram settings;
    public final AccountPool pool;
    public final InstagramTargetFetcher fetcher;

    public FetcherRig(SourceSettings.Mode mode, String baseUrl, List<Account> accounts) {
        this(mode, baseUrl, accounts, 2, 30, Duration.ofSeconds(10));
    }

    public FetcherRig(
            SourceSettings.Mode mode,
            String baseUrl,
            List<Account> accounts,
            int maxPages,
            int hashtagQuota,
            Duration timeout) {
        settings = new SourceSettings.Instagram(
                mode,
                URI.create(baseUrl),
                null,
                "936619743392459",
                maxPages,
                timeout,
                DataSize.ofMegabytes(8),
                new SourceSettings.Budget(200, Duration.ofHours(1), hashtagQuota, Duration.ofDays(7)),
                new SourceSettings.Cooldown(Duration.ofMinutes(15), Duration.ofMinutes(10)),
                new SourceSettings.Retry(3, Duration.ofMillis(10), 2.0),
                new SourceSettings.CircuitBreaker(50, 20, 10, Duration.ofSeconds(60)));
        pool = new AccountPool(
                accounts, settings.budget(), settings.cooldown(), mode == SourceSettings.Mode.GRAPH, clock);
        InstagramExchange exchange = InstagramExchange.create(
                settings,
                mode.source(),
                WebClient.builder(),
                CircuitBreakerRegistry.ofDefaults(),
                RetryRegistry.ofDefaults(),
                meters,
                clock);
        InstagramAdapter adapter =
                switch (mode) {
                    case LEGACY -> new LegacyAdapter(exchange, maxPages);
                    case WEB -> new WebAdapter(exchange, settings.appId());
                    case GRAPH -> new GraphAdapter(exchange, maxPages, pool);
                };
        InstagramNormalizer normalizer =
                new InstagramPayloadNormalizer(new CaptureAssembler(new VaderSentimentScorer()));
        fetcher = new InstagramTargetFetcher(adapter, normalizer, pool, ContractJson.mapper());
    }

    public AccountPool.AccountView account(String id) {
        return pool.view().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    public AccountState state(String id) {
        return account(id).state();
    }

    public double requests(String outcome) {
        return meters.find("onestore.source.requests").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
