package io.onestore.ingestor.source.tiktok;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.TikTokEnabled;
import io.onestore.ingestor.config.TikTokSettings;
import io.onestore.model.json.ContractJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/** The TikTok Research API client, its quota and their health, built only when a client key is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(TikTokEnabled.class)
class TikTokSourceConfig {

    @Bean
    ResearchQuota tiktokResearchQuota(
            IngestorProperties properties, ObjectProvider<Clock> clock, MeterRegistry meters) {
        TikTokSettings settings = properties.sources().tiktok();
        ResearchQuota quota = new ResearchQuota(
                settings.requestsPerDay(), settings.recordsPerDay(), clock.getIfAvailable(Clock::systemUTC));
        Gauge.builder("onestore.source.quota.used", quota, q -> q.view().requests())
                .description("quota used today (UTC) by source and unit")
                .tag("source", "tiktok")
                .tag("unit", "requests")
                .register(meters);
        Gauge.builder("onestore.source.quota.used", quota, q -> q.view().records())
                .description("quota used today (UTC) by source and unit")
                .tag("source", "tiktok")
                .tag("unit", "records")
                .register(meters);
        Gauge.builder("onestore.source.quota.limit", quota, q -> q.view().requestLimit())
                .description("daily quota by source and unit")
                .tag("source", "tiktok")
                .tag("unit", "requests")
                .register(meters);
        Gauge.builder("onestore.source.quota.limit", quota, q -> q.view().recordLimit())
                .description("daily quota by source and unit")
                .tag("source", "tiktok")
                .tag("unit", "records")
                .register(meters);
        return quota;
    }

    @Bean
    ResearchQuotaHealthIndicator tiktokQuotaHealthIndicator(ResearchQuota quota) {
        return new ResearchQuotaHealthIndicator(quota);
    }

    @Bean
    TikTokResearchClient tiktokResearchClient(
            IngestorProperties properties,
            WebClient.Builder webClient,
            ResearchQuota quota,
            MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        TikTokSettings settings = properties.sources().tiktok();
        WebClient http = webClient
                .clone()
                .defaultHeader(HttpHeaders.ACCEPT, "application/json")
                .codecs(c -> c.defaultCodecs()
                        .maxInMemorySize((int) settings.maxBodySize().toBytes()))
                .build();
        return new TikTokResearchClient(
                http,
                ContractJson.mapper(),
                settings.baseUrl(),
                credentials(settings),
                quota,
                settings.fields(),
                settings.tokenRefreshMargin(),
                settings.timeout(),
                clock.getIfAvailable(Clock::systemUTC),
                meters);
    }

    /** The key and secret from the settings or their files; a missing one stops the start with a plain message. */
    static ClientCredentials credentials(TikTokSettings settings) {
        String key = value(settings.clientKey(), settings.clientKeyFile());
        String secret = value(settings.clientSecret(), settings.clientSecretFile());
        if (key == null || secret == null) {
            throw new IllegalStateException("onestore.sources.tiktok needs client-key (or client-key-file) and "
                    + "client-secret (or client-secret-file)");
        }
        return new ClientCredentials(key, secret);
    }

    private static String value(String inline, Path file) {
        if (inline != null && !inline.isBlank()) {
            return inline.strip();
        }
        if (file == null) {
            return null;
        }
        try {
            String read = Files.readString(file).strip();
            return read.isEmpty() ? null : read;
        } catch (IOException e) {
            // The path is configuration, not a secret; the contents never appear.
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
