package io.onestore.ingestor;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.schedule.CycleReport;
import io.onestore.ingestor.schedule.IngestCycle;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cycle of {@link IngestEndToEndTest} in another source mode: {@code nike} and {@code @nike} from the mode's
 * recorded fixtures, two cycles in consecutive capture buckets, exact counts. Each mode is its own Spring context (the
 * mode is chosen at start-up); the mock upstream is shared by all of them.
 */
@SpringBootTest
abstract class SourceModeEndToEnd {

    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final WireMockServer upstream = startedUpstream();
    static final Path WORK_DIR = workDir();

    @DynamicPropertySource
    static void common(DynamicPropertyRegistry registry) {
        registry.add("spring.elasticsearch.uris", () -> ElasticsearchTestServer.global()
                .url());
        registry.add("onestore.ingest.schedule.enabled", () -> "false");
        registry.add("onestore.ingest.interval", INTERVAL::toString);
        registry.add("onestore.ingest.targets-file", () -> WORK_DIR.resolve("tags.txt")
                .toString());
        registry.add("onestore.sources.instagram.accounts-file", () -> WORK_DIR.resolve("accounts.txt")
                .toString());
        registry.add("onestore.sources.instagram.retry.initial-backoff", () -> "10ms");
    }

    /** Imported by each mode's class (a superclass's nested configuration is not picked up). */
    @TestConfiguration(proxyBeanMethods = false)
    static class HandMovedClock {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(T0);
        }
    }

    @Autowired
    IngestCycle cycle;

    @Autowired
    IndexInstaller installer;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    IndexNames names;

    @Autowired
    Clock clock;

    /** Answers {@code #nike} and {@code @nike} with the mode's recorded fixtures. */
    abstract void answerNike();

    /** Distinct posts of the tag feed and the profile together. */
    abstract long posts();

    @Test
    void theSameCycleInTheNextBucketAddsOneSnapshotPerTargetAndOneMetricsDocPerPost() throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);
        upstream.resetAll();
        answerNike();
        IndexCounts counts = new IndexCounts(client);

        for (int round = 1; round <= 2; round++) {
            client.indices().refresh(r -> r.index(names.targets()));
            CycleReport report = cycle.run();

            assertThat(report.due()).as("due in cycle %d", round).isEqualTo(2);
            assertThat(report.fetched()).as("fetched in cycle %d", round).isEqualTo(2);
            assertThat(counts.all(names.posts())).as("posts").isEqualTo(posts());
            assertThat(counts.all(names.postMetrics())).as("post metrics").isEqualTo(round * posts());
            assertThat(counts.all(names.tagSnapshots())).as("tag snapshots").isEqualTo(round);
            assertThat(counts.all(names.profileSnapshots()))
                    .as("profile snapshots")
                    .isEqualTo(round);
            assertThat(counts.all(names.deadletter()))
                    .as("the tag page's one unreadable node, once")
                    .isEqualTo(1);
            ((TestClock) clock).advance(INTERVAL);
        }
    }

    static String prefix(Class<?> testClass) {
        return ElasticsearchTestServer.indexPrefix(testClass);
    }

    private static WireMockServer startedUpstream() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    private static Path workDir() {
        try {
            Path dir = Files.createTempDirectory("ingestor-modes-e2e");
            Files.writeString(dir.resolve("tags.txt"), "nike\n@nike\n");
            // The third column (the Instagram user id) is what the Graph API calls are made as; other modes ignore it.
            Files.writeString(
                    dir.resolve("accounts.txt"),
                    "alice tok-alice-s3cr3t 17841400000000001\nbob tok-bob-s3cr3t 17841400000000002\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
