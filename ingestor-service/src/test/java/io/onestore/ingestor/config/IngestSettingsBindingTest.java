package io.onestore.ingestor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
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
        assertThat(ingest.schedule().tick()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ingest.bulk().maxOperations()).isEqualTo(1000);
        assertThat(ingest.bulk().maxSize()).isEqualTo(DataSize.ofMegabytes(5));
    }

    private static IngestorProperties bind(Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        // Named like the real one: Spring maps ONESTORE_INGEST_SPOOL_DIR style names only for such a source.
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment));
        return new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("onestore", IngestorProperties.class);
    }
}
