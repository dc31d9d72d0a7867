package io.onestore.ingestor.source.bluesky;

import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.BlueskySettings;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceEnabled;
import io.onestore.ingestor.source.ResilientHttp;
import io.onestore.model.json.ContractJson;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * The Jetstream client, built only when {@code onestore.sources.bluesky.endpoints} lists an endpoint, and the AppView
 * client when {@code onestore.sources.bluesky.appview.url} is set too.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SourceEnabled.Bluesky.class)
class BlueskySourceConfig {

    /** A getProfiles answer of 25 profiles is some 30 KB; anything far larger is not an AppView's answer. */
    private static final DataSize MAX_BODY = DataSize.ofMegabytes(1);

    @Bean
    JetstreamClient jetstreamClient(IngestorProperties properties) {
        return new JetstreamClient(
                new ReactorNettyWebSocketClient(),
                ContractJson.mapper(),
                properties.sources().bluesky().userAgent());
    }

    @Bean
    @ConditionalOnProperty("onestore.sources.bluesky.appview.url")
    AppViewClient appViewClient(
            IngestorProperties properties, WebClient.Builder webClient, Clock clock, MeterRegistry meters) {
        BlueskySettings bluesky = properties.sources().bluesky();
        WebClient http = ResilientHttp.webClient(
                webClient.defaultHeader("user-agent", bluesky.userAgent()),
                bluesky.appview().url(),
                bluesky.appview().timeout(),
                MAX_BODY);
        return new AppViewClient(http, ContractJson.mapper(), bluesky.appview(), clock, meters);
    }
}
