package io.onestore.ingestor.enrich;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.capture.PlatformRouting;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.capture.bluesky.ProfileViewNormalizer;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.source.bluesky.AppViewClient;
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
            MeterRegistry registry,
            ObjectProvider<AppViewClient> appView,
            ObjectProvider<ProfileViewNormalizer> profiles) {
        SourceSettings.Budget budget = properties.sources().instagram().budget();
        AppViewClient bluesky = appView.getIfAvailable();
        CaptureFollowUp blueskyAuthors = bluesky == null
                ? CaptureFollowUp.NONE
                : new BlueskyAuthorEnrichment(
                        bluesky,
                        profiles.getObject(),
                        new AuthorCandidates(client, names, AuthorCandidates.Who.BLUESKY),
                        indexer,
                        properties.enrich(),
                        FETCH_TIMEOUT,
                        registry);
        return new AuthorEnrichment(
                () -> PlatformRouting.of(fetchers),
                new AuthorCandidates(client, names),
                new EnrichmentBudget(
                        properties.enrich().budgetShare(), pool.size(), budget.callsPerWindow(), budget.window()),
                indexer,
                properties.enrich(),
                FETCH_TIMEOUT,
                registry,
                blueskyAuthors);
    }
}
