package io.onestore.ingestor.source.x;

import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.IngestorProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** The {@link XClient}, built only when {@code onestore.sources.x.enabled}; the {@code WebClient} lives here. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "onestore.sources.x", name = "enabled", havingValue = "true")
class XSourceConfig {

    @Bean
    XClient xClient(
            IngestorProperties properties,
            WebClient.Builder webClient,
            MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        return XClient.create(properties.sources().x(), webClient, meters, clock.getIfAvailable(Clock::systemUTC));
    }
}
