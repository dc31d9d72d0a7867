package io.onestore.ingestor.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.capture.PlatformRouting;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.config.IngestSettings;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.enrich.AuthorEnrichment;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.targets.CaptureCapacity;
import io.onestore.ingestor.targets.CapturePlanner;
import io.onestore.ingestor.targets.CoverageBook;
import io.onestore.ingestor.targets.Target;
import io.onestore.ingestor.targets.TargetLeases;
import io.onestore.ingestor.targets.TargetsFile;
import io.onestore.model.document.Platform;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
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
     * The fetchers are looked up when a cycle runs: the fetching side provides one per platform
     * ({@link PlatformRouting} hands each target to its own), and until one exists cycles skip with a log line instead
     * of the service failing to start or fetching fake data.
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
            CoverageBook coverage,
            ObjectProvider<AccountPool> pools,
            AuthorEnrichment enrichment) {
        IngestSettings ingest = properties.ingest();
        Supplier<List<Target>> fileTargets =
                () -> ingest.targetsFile() == null ? List.of() : TargetsFile.read(ingest.targetsFile());
        return new IngestCycle(
                () -> PlatformRouting.of(fetchers),
                leases,
                indexer,
                installer::isInstalled,
                fileTargets,
                ingest.schedule().concurrency(),
                ingest.schedule().lease() != null ? ingest.schedule().lease() : ingest.interval(),
                clock,
                registry,
                planning(properties, coverage, leases, pools.getIfAvailable()),
                enrichment,
                capacity(pools.getIfAvailable()));
    }

    /**
     * Instagram captures are paced by the pool's calls left now, so a cycle leases no more Instagram targets than the
     * accounts can serve. Without accounts nothing is paced: every fetch then fails as {@code no_account}, visibly in
     * the targets' {@code last_outcome}, rather than waiting unseen. Other platforms pace themselves.
     */
    private static CaptureCapacity capacity(AccountPool pool) {
        if (pool == null || pool.size() == 0) {
            return CaptureCapacity.UNLIMITED;
        }
        return platform -> platform == Platform.INSTAGRAM ? OptionalInt.of(pool.callsAvailable()) : OptionalInt.empty();
    }

    /**
     * The planner's budget is the pool's: every account's calls per window, less the reserve, and in graph mode the
     * accounts' unique-hashtag slots. Without a pool there is nothing to plan: every target keeps the interval.
     */
    private static CoverageBook planning(
            IngestorProperties properties, CoverageBook coverage, TargetLeases leases, AccountPool pool) {
        if (pool == null || pool.size() == 0) {
            return coverage;
        }
        IngestSettings ingest = properties.ingest();
        IngestSettings.Coverage settings = ingest.coverage();
        SourceSettings.Instagram instagram = properties.sources().instagram();
        SourceSettings.Budget budget = instagram.budget();
        boolean graph = instagram.mode() == SourceSettings.Mode.GRAPH;
        double windowHours = budget.window().toMillis() / 3_600_000.0;
        double callsPerHour = pool.size() * budget.callsPerWindow() / windowHours * (1 - settings.reserve());
        CapturePlanner.Budget plannerBudget = new CapturePlanner.Budget(
                callsPerHour,
                graph ? pool.size() * budget.hashtagsPerWindow() : -1,
                instagram.mode().feedPageSize(),
                settings.pageBudget(),
                settings.fill(),
                settings.minInterval(),
                ingest.maxInterval(),
                // The page that reaches the mark; graph also reads top_media (max-pages) each capture.
                1 + (graph ? instagram.maxPages() : 0));
        return coverage.planningWith(plannerBudget, leases, ingest.schedule().maxTargets());
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
