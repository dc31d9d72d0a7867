package io.onestore.ingestor.capture.bluesky;

import io.onestore.ingestor.config.SourceEnabled;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Bluesky targets in cycles, when {@code onestore.sources.bluesky.endpoints} lists a Jetstream. */
@Configuration(proxyBeanMethods = false)
@Conditional(SourceEnabled.Bluesky.class)
class BlueskyCaptureConfig {

    @Bean
    StreamedTargets streamedBlueskyTargets() {
        return new StreamedTargets();
    }
}
