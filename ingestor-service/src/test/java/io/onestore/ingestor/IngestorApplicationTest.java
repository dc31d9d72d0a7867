package io.onestore.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.onestore.ingestor.capture.ScriptedTargetFetcher;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.schedule.CycleReport;
import io.onestore.ingestor.schedule.IngestCycle;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service: start-up install of the contract, the cycle wired to whichever {@link TargetFetcher} bean
 * exists (here the scripted one standing in for the upstream), the targets file from configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestorApplicationTest {

    private static final Path WORK_DIR = workDir();

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("spring.elasticsearch.uris", () -> ElasticsearchTestServer.global()
                .url());
        registry.add("onestore.index.prefix", () -> ElasticsearchTestServer.indexPrefix(IngestorApplicationTest.class));
        registry.add(
                "onestore.ingest.spool-dir", () -> WORK_DIR.resolve("spool").toString());
        registry.add("onestore.ingest.targets-file", () -> WORK_DIR.resolve("tags.txt")
                .toString());
        registry.add("onestore.ingest.schedule.enabled", () -> "false");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Upstream {
        /** Primary: once the real fetcher is a bean too, this test still talks to the scripted upstream. */
        @Bean
        @Primary
        ScriptedTargetFetcher scriptedTargetFetcher() {
            return new ScriptedTargetFetcher();
        }
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    IngestCycle cycle;

    @Autowired
    IndexInstaller installer;

    @Autowired
    ScriptedTargetFetcher fetcher;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    IndexNames names;

    @Test
    void healthIsUpWithElasticsearchAsAComponent() {
        var response = http.getForEntity("/actuator/health", String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"status\":\"UP\"").contains("\"elasticsearch\":{\"status\":\"UP\"");
    }

    @Test
    void startsWithoutAnAccountsFileAndSaysSoInHealth() {
        var response = http.getForEntity("/actuator/health/accounts", String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"status\":\"UNKNOWN\"").contains("no accounts configured");
    }

    @Test
    void aCycleFetchesTheTargetsFileThroughTheTargetFetcherBeanAndIndexesTheCapture() throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);

        CycleReport report = cycle.run();

        assertThat(report.due()).isEqualTo(2);
        assertThat(report.fetched()).isEqualTo(2);
        assertThat(fetcher.fetches(Target.hashtag("nike"))).isEqualTo(1);
        assertThat(fetcher.fetches(Target.profile("nike"))).isEqualTo(1);
        client.indices().refresh(r -> r.index(names.posts()));
        assertThat(client.count(c -> c.index(names.posts())).count()).isEqualTo(2);
        var metrics = http.getForEntity("/actuator/metrics/onestore.ingest.documents", String.class);
        assertThat(metrics.getBody()).contains("\"outcome\"").contains("indexed");
    }

    private static Path workDir() {
        try {
            Path dir = Files.createTempDirectory("ingestor-app-test");
            Files.writeString(dir.resolve("tags.txt"), "# the seed's format\nnike\n@nike\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
