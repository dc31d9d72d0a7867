package io.onestore.ingestor.capture.bluesky;

import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceEnabled;
import io.onestore.ingestor.source.bluesky.AppViewClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Bluesky targets in cycles, when {@code onestore.sources.bluesky.endpoints} lists a Jetstream; profile snapshots and
 * handle resolution when {@code onestore.sources.bluesky.appview.url} is set too.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SourceEnabled.Bluesky.class)
class BlueskyCaptureConfig {

    @Bean
    StreamedTargets streamedBlueskyTargets(
            ObjectProvider<AppViewClient> appView, ObjectProvider<ProfileViewNormalizer> profiles) {
        return new StreamedTargets(appView.getIfAvailable(), profiles.getIfAvailable());
    }

    @Bean
    HandleResolver blueskyHandleResolver(ObjectProvider<AppViewClient> appView, IngestorProperties properties) {
        var settings = properties.sources().bluesky().appview();
        return new HandleResolver(appView.getIfAvailable(), settings.handleTtl(), settings.timeout());
    }
}
