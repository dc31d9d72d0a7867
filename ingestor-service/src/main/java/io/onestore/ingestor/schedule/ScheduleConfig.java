package io.onestore.ingestor.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.config.IngestSettings;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.enrich.AuthorEnrichment;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.targets.Target;
import io.onestore.ingestor.targets.TargetLeases;
import io.onestore.ingestor.targets.TargetsFile;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

@Configuration(proxyBeanMethods = false)
class ScheduleConfig {

    /**
     * The fetcher is looked up when a cycle runs: the fetching side ({@code source/}) provides it, and until it does
     * cycles skip with a log line instead of the service failing to start or fetching fake data.
     */
    @Bean
    IngestCycle ingestCycle(
            ObjectProvider<TargetFetcher> fetchers,
            TargetLeases leases,
            BulkIndexer indexer,
            IndexInstaller installer,
            IngestorProperties properties,
            Clock clock,
            MeterRegistry registry,
            AuthorEnrichment enrichment) {
        IngestSettings ingest = properties.ingest();
        Supplier<List<Target>> fileTargets =
                () -> ingest.targetsFile() == null ? List.of() : TargetsFile.read(ingest.targetsFile());
        return new IngestCycle(
                fetchers::getIfAvailable,
                leases,
                indexer,
                installer::isInstalled,
                fileTargets,
                ingest.schedule().concurrency(),
                ingest.schedule().lease() != null ? ingest.schedule().lease() : ingest.interval(),
                clock,
                registry,
                enrichment);
    }

    /** Off with {@code onestore.ingest.schedule.enabled=false}: tests run cycles themselves. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(prefix = "onestore.ingest.schedule", name = "enabled", matchIfMissing = true)
    static class Scheduler implements SchedulingConfigurer {

        private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

        private final IngestCycle cycle;
        private final IngestorProperties properties;

        Scheduler(IngestCycle cycle, IngestorProperties properties) {
            this.cycle = cycle;
            this.properties = properties;
        }

        /** Fixed delay: a slow cycle delays the next instead of overlapping it. */
        @Override
        public void configureTasks(ScheduledTaskRegistrar registrar) {
            registrar.addFixedDelayTask(this::runCycle, properties.ingest().tick());
        }

        private void runCycle() {
            try {
                cycle.run();
            } catch (RuntimeException e) {
                // A failing cycle must not end the schedule: the next tick tries again, every target still due.
                log.error("Ingest cycle failed", e);
            }
        }
    }
}
