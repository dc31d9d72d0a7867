package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The write side's beans. Creating them touches no index: {@link IndexInstaller} does that once started. */
@Configuration(proxyBeanMethods = false)
class IndexConfig {

    @Bean
    PostDeletions postDeletions(ElasticsearchClient client, IndexNames names) {
        return new PostDeletions(client, names);
    }

    /** The Bluesky posts the store may hold: the stream's likes and deletions of the others cost no read. */
    @Bean
    HeldPosts heldBlueskyPosts(ElasticsearchClient client, IndexNames names, Clock clock) {
        return new HeldPosts(client, names, Platform.BLUESKY, clock);
    }

    @Bean
    StreamEngagement streamEngagement(ElasticsearchClient client, IndexNames names, HeldPosts heldBlueskyPosts) {
        return new StreamEngagement(client, names, heldBlueskyPosts);
    }

    @Bean
    IndexInstaller indexInstaller(ElasticsearchClient client, IndexNames names, IngestorProperties properties) {
        return new IndexInstaller(
                new IndexBootstrap(client, names), properties.ingest().bootstrap());
    }

    /** Closed on shutdown: flushes what is buffered and spills what cannot be written. */
    @Bean(destroyMethod = "close")
    BulkIndexer bulkIndexer(
            ElasticsearchClient client,
            IndexNames names,
            IngestorProperties properties,
            MeterRegistry registry,
            Clock clock,
            HeldPosts heldBlueskyPosts) {
        return new BulkIndexer(client, names, properties.ingest(), registry, clock, heldBlueskyPosts);
    }
}
