package io.onestore.ingestor.schedule;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.capture.bluesky.BlueskyNormalizer;
import io.onestore.ingestor.capture.bluesky.HandleResolver;
import io.onestore.ingestor.config.IngestSettings;
import io.onestore.ingestor.config.IngestorProperties;
import io.onestore.ingestor.config.SourceEnabled;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.index.HeldPosts;
import io.onestore.ingestor.index.PostDeletions;
import io.onestore.ingestor.index.StreamEngagement;
import io.onestore.ingestor.source.bluesky.JetstreamClient;
import io.onestore.ingestor.targets.CoverageLedger;
import io.onestore.ingestor.targets.SourceCursors;
import io.onestore.ingestor.targets.Target;
import io.onestore.ingestor.targets.TargetLeases;
import io.onestore.ingestor.targets.TargetsFile;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The stream sources, beside the cycle: a stream is not captured target by target when due but read all the time, so
 * it has its own entry here, in the last stage, where it may hand to the indexer like the cycle does. It starts when
 * the application is ready, unless the schedule is off ({@code onestore.ingest.schedule.enabled=false}: tests start
 * it themselves).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SourceEnabled.Bluesky.class)
class StreamConfig {

    @Bean(destroyMethod = "close")
    JetstreamConsumer jetstreamConsumer(
            JetstreamClient client,
            BlueskyNormalizer normalizer,
            BulkIndexer indexer,
            PostDeletions deletions,
            StreamEngagement engagement,
            HeldPosts heldBlueskyPosts,
            SourceCursors cursors,
            CoverageLedger ledger,
            TargetLeases targets,
            HandleResolver handles,
            IngestorProperties properties,
            Clock clock) {
        IngestSettings ingest = properties.ingest();
        return new JetstreamConsumer(
                client,
                normalizer,
                indexer,
                deletions,
                engagement,
                heldBlueskyPosts,
                cursors,
                ledger,
                targets,
                () -> fileTargetIds(ingest),
                handles,
                properties.sources().bluesky(),
                clock);
    }

    private static Set<String> fileTargetIds(IngestSettings ingest) {
        return ingest.targetsFile() == null
                ? Set.of()
                : TargetsFile.read(ingest.targetsFile()).stream()
                        .map(Target::id)
                        .collect(Collectors.toSet());
    }

    /** Events read from the stream, matched or not: its throughput, for dashboards and the burst benchmark. */
    @Bean
    FunctionCounter jetstreamEvents(JetstreamConsumer consumer, MeterRegistry registry) {
        return FunctionCounter.builder("onestore.bluesky.stream.events", consumer, JetstreamConsumer::events)
                .description("Jetstream events read since start")
                .register(registry);
    }

    /** Time spent handling batches: over the time elapsed, how much of the stream's pace the consumer sets. */
    @Bean
    FunctionCounter jetstreamBusy(JetstreamConsumer consumer, MeterRegistry registry) {
        return FunctionCounter.builder("onestore.bluesky.stream.busy", consumer, JetstreamConsumer::busySeconds)
                .description("Seconds spent handling Jetstream batches since start")
                .baseUnit("seconds")
                .register(registry);
    }

    @Bean
    StreamStarter streamStarter(JetstreamConsumer consumer, IngestorProperties properties) {
        return new StreamStarter(consumer, properties.ingest().schedule().enabled());
    }

    /** Starts the stream once the contract may be installed and the indexer runs. */
    static final class StreamStarter {
        private final JetstreamConsumer consumer;
        private final boolean enabled;

        StreamStarter(JetstreamConsumer consumer, boolean enabled) {
            this.consumer = consumer;
            this.enabled = enabled;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            if (enabled) {
                consumer.start();
            }
        }
    }
}
