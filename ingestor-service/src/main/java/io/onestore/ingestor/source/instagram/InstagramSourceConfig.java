package io.onestore.ingestor.source.instagram;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceSettings;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one {@link InstagramExchange} every Instagram client sends through, for the mode
 * {@code onestore.sources.instagram.mode} names. Built here because the {@code WebClient} lives in {@code source/}.
 */
@Configuration(proxyBeanMethods = false)
class InstagramSourceConfig {

    @Bean
    InstagramExchange instagramExchange(
            IngestorProperties properties,
            WebClient.Builder webClient,
            ObjectProvider<CircuitBreakerRegistry> breakers,
            ObjectProvider<RetryRegistry> retries,
            MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        SourceSettings.Instagram settings = properties.sources().instagram();
        return InstagramExchange.create(
                settings,
                settings.mode().source(),
                webClient,
                breakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults),
                retries.getIfAvailable(RetryRegistry::ofDefaults),
                meters,
                clock.getIfAvailable(Clock::systemUTC));
    }
}
