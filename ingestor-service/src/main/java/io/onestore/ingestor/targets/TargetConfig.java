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

    /** The coverage ledger store; the X capture keeps each hashtag's {@code since_id} in it. */
    @Bean
    CoverageLedger coverageLedger(ElasticsearchClient client, IndexNames names) {
        return new CoverageLedger(client, names);
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
