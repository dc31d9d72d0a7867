package io.onestore.ingestor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** The documented environment variables reach the settings, and the defaults are the documented ones. */
class IngestSettingsBindingTest {

    @Test
    void environmentVariablesBindToTheIngestSettings() {
        IngestSettings ingest = bind(Map.of(
                        "ONESTORE_INGEST_TARGETS_FILE", "/etc/onestore/tags.txt",
                        "ONESTORE_INGEST_INTERVAL", "2m",
                        "ONESTORE_INGEST_SPOOL_DIR", "/var/lib/onestore/spool",
                        "ONESTORE_INGEST_BULK_MAX_SIZE", "1MB"))
                .ingest();

        assertThat(ingest.targetsFile()).isEqualTo(Path.of("/etc/onestore/tags.txt"));
        assertThat(ingest.interval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(ingest.spoolDir()).isEqualTo(Path.of("/var/lib/onestore/spool"));
        assertThat(ingest.bulk().maxSize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(ingest.bucket())
                .as("the capture bucket follows the interval")
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void defaults() {
        IngestSettings ingest = bind(Map.of()).ingest();

        assertThat(ingest.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ingest.targetsFile()).isNull();
        assertThat(ingest.schedule().enabled()).isTrue();
        assertThat(ingest.schedule().tick()).isNull();
        assertThat(ingest.tick()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ingest.bulk().maxOperations()).isEqualTo(1000);
        assertThat(ingest.bulk().maxSize()).isEqualTo(DataSize.ofMegabytes(5));
    }

    /** Issue 10: ONESTORE_INGEST_INTERVAL=20s captured every 30 s, because the tick stayed at its default. */
    @ParameterizedTest(name = "interval {0}, tick {1} -> {2}")
    @CsvSource({"20s, , 2s", "5m, , 30s", "1h, , 30s", "5s, , 1s", "1s, , 1s", "20s, 10s, 10s", "5m, 1m, 1m"})
    void theTickFollowsTheIntervalUnlessItIsSet(String interval, String tick, String expected) {
        Map<String, Object> environment = new HashMap<>(Map.of("ONESTORE_INGEST_INTERVAL", interval));
        if (tick != null) {
            environment.put("ONESTORE_INGEST_SCHEDULE_TICK", tick);
        }
        IngestSettings ingest = bind(environment).ingest();

        assertThat(ingest.tick()).isEqualTo(DurationStyle.detectAndParse(expected));
    }

    private static IngestorProperties bind(Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        // Named like the real one: Spring maps ONESTORE_INGEST_SPOOL_DIR style names only for such a source.
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment));
        return new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("onestore", IngestorProperties.class);
    }
}
