package io.onestore.ingestor.capture;

import io.onestore.ingestor.capture.instagram.InstagramTargetFetcher;
import io.onestore.ingestor.capture.x.XTargetFetcher;
import io.onestore.model.document.Platform;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link PlatformFetchers} the cycle fetches through: Instagram always, each other platform when enabled. */
@Configuration(proxyBeanMethods = false)
class CaptureConfig {

    @Bean
    PlatformFetchers platformFetchers(InstagramTargetFetcher instagram, ObjectProvider<XTargetFetcher> x) {
        Map<Platform, TargetFetcher> fetchers = new EnumMap<>(Platform.class);
        fetchers.put(Platform.INSTAGRAM, instagram);
        x.ifAvailable(fetcher -> fetchers.put(Platform.X, fetcher));
        return new PlatformFetchers(fetchers);
    }
}
