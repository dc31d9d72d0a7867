package io.onestore.ingestor;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole ingestor wired to a WireMock upstream, as the end-to-end tests run it: a targets file and an accounts file
 * in a temp folder, the scheduler off (tests run cycles themselves), fast retries, and a clock moved by hand. Each
 * test adds what is its own: the source mode, the base URL, the index prefix, the spool folder.
 */
final class MockUpstreamRig {

    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration INTERVAL = Duration.ofMinutes(5);

    private final WireMockServer upstream;
    private final Path workDir;

    MockUpstreamRig(String targetsFile, String accountsFile) {
        upstream = new WireMockServer(wireMockConfig().dynamicPort());
        upstream.start();
        try {
            workDir = Files.createTempDirectory("ingestor-e2e");
            Files.writeString(workDir.resolve("tags.txt"), targetsFile);
            Files.writeString(workDir.resolve("accounts.txt"), accountsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WireMockServer upstream() {
        return upstream;
    }

    Path workDir() {
        return workDir;
    }

    void register(DynamicPropertyRegistry registry) {
        register(registry, false);
    }

    /**
     * @param enrich author enrichment on; off, the exact counts of the end-to-end tests are the targets' alone
     *     (enrichment has its own test, {@code AuthorEnrichmentEndToEndTest})
     */
    void register(DynamicPropertyRegistry registry, boolean enrich) {
        registry.add("spring.elasticsearch.uris", () -> ElasticsearchTestServer.global()
                .url());
        registry.add("onestore.ingest.schedule.enabled", () -> "false");
        registry.add("onestore.ingest.interval", INTERVAL::toString);
        registry.add("onestore.ingest.targets-file", () -> workDir.resolve("tags.txt")
                .toString());
        registry.add("onestore.sources.instagram.accounts-file", () -> workDir.resolve("accounts.txt")
                .toString());
        registry.add("onestore.sources.instagram.retry.initial-backoff", () -> "10ms");
        registry.add("onestore.enrich.enabled", () -> String.valueOf(enrich));
    }

    /** Imported by every end-to-end test class: the cycles' clock starts at {@link #T0} and moves only when told. */
    @TestConfiguration(proxyBeanMethods = false)
    static class HandMovedClock {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(T0);
        }
    }
}
