package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.model.json.ContractJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Instagram {@link TargetFetcher}: the adapter {@code onestore.sources.instagram.mode} names, over the account
 * pool, handing on to the normaliser {@code normalize/} provides. Only that adapter is built; switching modes is a
 * restart with another configuration.
 */
@Configuration(proxyBeanMethods = false)
class InstagramCaptureConfig {

    @Bean
    InstagramTargetFetcher instagramTargetFetcher(
            IngestorProperties properties,
            AccountPool pool,
            InstagramExchange exchange,
            InstagramNormalizer normalizer) {
        SourceSettings.Instagram settings = properties.sources().instagram();
        InstagramAdapter adapter =
                switch (settings.mode()) {
                    case LEGACY -> new LegacyAdapter(exchange, settings.maxPages());
                    case WEB -> new WebAdapter(exchange, settings.appId());
                    case GRAPH -> new GraphAdapter(exchange, settings.maxPages(), pool);
                };
        return new InstagramTargetFetcher(adapter, normalizer, pool, ContractJson.mapper());
    }
}
