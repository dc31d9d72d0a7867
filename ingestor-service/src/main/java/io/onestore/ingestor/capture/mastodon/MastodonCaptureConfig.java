package io.onestore.ingestor.capture.mastodon;

import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceEnabled;
import io.onestore.ingestor.source.mastodon.MastodonTimelineClient;
import io.onestore.ingestor.targets.SourceCursors;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The Mastodon fetcher, when {@code onestore.sources.mastodon.servers} lists a server. */
@Configuration(proxyBeanMethods = false)
@Conditional(SourceEnabled.Mastodon.class)
class MastodonCaptureConfig {

    @Bean
    MastodonTargetFetcher mastodonTargetFetcher(
            IngestorProperties properties,
            MastodonTimelineClient client,
            MastodonNormalizer normalizer,
            SourceCursors cursors,
            Clock clock) {
        return new MastodonTargetFetcher(
                client, normalizer, cursors, properties.sources().mastodon(), clock);
    }
}
