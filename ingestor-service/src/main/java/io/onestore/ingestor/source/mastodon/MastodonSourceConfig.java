package io.onestore.ingestor.source.mastodon;

import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.MastodonSettings;
import io.onestore.ingestor.config.SourceEnabled;
import io.onestore.model.json.ContractJson;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/** The Mastodon client, built only when {@code onestore.sources.mastodon.servers} lists a server. */
@Configuration(proxyBeanMethods = false)
@Conditional(SourceEnabled.Mastodon.class)
class MastodonSourceConfig {

    @Bean
    MastodonTimelineClient mastodonTimelineClient(
            IngestorProperties properties,
            WebClient.Builder webClient,
            MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        MastodonSettings settings = properties.sources().mastodon();
        WebClient http = webClient
                .clone()
                .defaultHeader(HttpHeaders.USER_AGENT, settings.userAgent())
                .defaultHeader(HttpHeaders.ACCEPT, "application/json")
                .codecs(c -> c.defaultCodecs()
                        .maxInMemorySize((int) settings.maxBodySize().toBytes()))
                .build();
        return new MastodonTimelineClient(
                http, ContractJson.mapper(), settings.timeout(), clock.getIfAvailable(Clock::systemUTC), meters);
    }
}
