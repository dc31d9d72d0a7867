package io.onestore.ingestor.enrich;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.capture.PlatformRouting;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.model.index.IndexNames;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EnrichConfig {

    /** A profile call answers in seconds; a minute bounds a stuck one without holding the cycle for long. */
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(1);

    @Bean
    AuthorEnrichment authorEnrichment(
            ObjectProvider<TargetFetcher> fetchers,
            ElasticsearchClient client,
            IndexNames names,
            AccountPool pool,
            BulkIndexer indexer,
            IngestorProperties properties,
            MeterRegistry registry) {
        SourceSettings.Budget budget = properties.sources().instagram().budget();
        return new AuthorEnrichment(
                () -> PlatformRouting.of(fetchers),
                new AuthorCandidates(client, names),
                new EnrichmentBudget(
                        properties.enrich().budgetShare(), pool.size(), budget.callsPerWindow(), budget.window()),
                indexer,
                properties.enrich(),
                FETCH_TIMEOUT,
                registry);
    }
}
