package io.onestore.ingestor.targets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.onestore.ingestor.config.IngestSettings;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.model.index.IndexNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TargetConfig {

    @Bean
    TargetLeases targetLeases(ElasticsearchClient client, IndexNames names, IngestorProperties properties) {
        IngestSettings ingest = properties.ingest();
        IngestSettings.Schedule schedule = ingest.schedule();
        return new TargetLeases(
                client,
                names,
                ingest.interval(),
                schedule.lease() != null ? schedule.lease() : ingest.interval(),
                schedule.owner() != null ? schedule.owner() : defaultOwner(),
                schedule.maxTargets());
    }

    @Bean
    CoverageLedger coverageLedger(ElasticsearchClient client, IndexNames names) {
        return new CoverageLedger(client, names);
    }

    @Bean
    SourceCursors sourceCursors(ElasticsearchClient client, IndexNames names) {
        return new SourceCursors(client, names);
    }

    /** The coverage ledger's side of each cycle, without a planner (the schedule adds the pool's). */
    @Bean
    CoverageBook coverageBook(ElasticsearchClient client, IndexNames names, IngestorProperties properties) {
        IngestSettings.Coverage coverage = properties.ingest().coverage();
        return new CoverageBook(
                client,
                names,
                coverage.pageBudget(),
                coverage.overlap(),
                coverage.backfillPages(),
                coverage.defaultBackfill(),
                null);
    }

    /** Unique per process even when two replicas share a host name (containers started from one image). */
    private static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "ingestor";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
