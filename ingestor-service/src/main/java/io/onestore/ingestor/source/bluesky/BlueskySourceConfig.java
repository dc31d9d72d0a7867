package io.onestore.ingestor.source.bluesky;

import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceEnabled;
import io.onestore.model.json.ContractJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/** The Jetstream client, built only when {@code onestore.sources.bluesky.endpoints} lists an endpoint. */
@Configuration(proxyBeanMethods = false)
@Conditional(SourceEnabled.Bluesky.class)
class BlueskySourceConfig {

    @Bean
    JetstreamClient jetstreamClient(IngestorProperties properties) {
        return new JetstreamClient(
                new ReactorNettyWebSocketClient(),
                ContractJson.mapper(),
                properties.sources().bluesky().userAgent());
    }
}
