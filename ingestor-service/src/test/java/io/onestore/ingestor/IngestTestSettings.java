package io.onestore.ingestor;

import io.onestore.ingestor.config.IngestSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** Settings for plain (non-Spring) tests: the production defaults, with short delays so tests finish quickly. */
public final class IngestTestSettings {

    public static final Duration INTERVAL = Duration.ofMinutes(5);

    private IngestTestSettings() {}

    public static IngestSettings of(Path spoolDir) {
        return of(spoolDir, 1000);
    }

    public static IngestSettings of(Path spoolDir, int bufferWrites) {
        return new IngestSettings(
                INTERVAL,
                null,
                spoolDir,
                null,
                new IngestSettings.Schedule(false, Duration.ofSeconds(30), 4, null, null, 10000),
                new IngestSettings.Bulk(
                        1000,
                        DataSize.ofMegabytes(5),
                        Duration.ofMillis(100),
                        2,
                        3,
                        Duration.ofMillis(50),
                        bufferWrites,
                        Duration.ofMillis(200),
                        20_000),
                new IngestSettings.Bootstrap(Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    /** Like {@link #of(Path)} but a bulk request waits for a long flush interval: writes stay buffered until flush. */
    public static IngestSettings buffering(Path spoolDir) {
        IngestSettings base = of(spoolDir);
        IngestSettings.Bulk bulk = base.bulk();
        return new IngestSettings(
                base.interval(),
                null,
                spoolDir,
                null,
                base.schedule(),
                new IngestSettings.Bulk(
                        bulk.maxOperations(),
                        bulk.maxSize(),
                        Duration.ofHours(1),
                        bulk.maxConcurrentRequests(),
                        bulk.maxAttempts(),
                        bulk.retryBackoff(),
                        bulk.bufferWrites(),
                        bulk.outageProbe(),
                        bulk.rememberPosts()),
                base.bootstrap());
    }
}
