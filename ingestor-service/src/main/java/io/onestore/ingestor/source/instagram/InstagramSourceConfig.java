package io.onestore.ingestor.source.instagram;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.normalize.CaptureAssembler;
import io.onestore.ingestor.source.instagram.graph.GraphAdapter;
import io.onestore.ingestor.source.instagram.legacy.LegacyAdapter;
import io.onestore.ingestor.source.instagram.web.WebAdapter;
import io.onestore.model.json.ContractJson;
import io.onestore.model.sentiment.SentimentScorer;
import io.onestore.model.sentiment.VaderSentimentScorer;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The Instagram {@link TargetFetcher}: the adapter {@code onestore.sources.instagram.mode} names, over the account
 * pool. Only that adapter is built; switching modes is a restart with another configuration.
 */
@Configuration(proxyBeanMethods = false)
class InstagramSourceConfig {

    @Bean
    InstagramTargetFetcher instagramTargetFetcher(
            IngestorProperties properties,
            AccountPool pool,
            WebClient.Builder webClient,
            ObjectProvider<CircuitBreakerRegistry> breakers,
            ObjectProvider<RetryRegistry> retries,
            MeterRegistry meters,
            ObjectProvider<Clock> clock,
            ObjectProvider<SentimentScorer> sentiment) {
        SourceSettings.Instagram settings = properties.sources().instagram();
        InstagramExchange exchange = InstagramExchange.create(
                settings,
                settings.mode().source(),
                webClient,
                breakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults),
                retries.getIfAvailable(RetryRegistry::ofDefaults),
                meters,
                clock.getIfAvailable(Clock::systemUTC));
        CaptureAssembler assembler = new CaptureAssembler(sentiment.getIfAvailable(VaderSentimentScorer::new));
        InstagramAdapter adapter =
                switch (settings.mode()) {
                    case LEGACY -> new LegacyAdapter(exchange, assembler, settings.maxPages());
                    case WEB -> new WebAdapter(exchange, assembler, settings.appId());
                    case GRAPH -> new GraphAdapter(exchange, assembler, settings.maxPages(), pool);
                };
        return new InstagramTargetFetcher(adapter, pool, ContractJson.mapper());
    }
}
