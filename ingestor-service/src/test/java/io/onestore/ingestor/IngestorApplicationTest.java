package io.onestore.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestorApplicationTest {

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("spring.elasticsearch.uris", () -> ElasticsearchTestServer.global()
                .url());
        registry.add("onestore.index.prefix", () -> ElasticsearchTestServer.indexPrefix(IngestorApplicationTest.class));
        registry.add("onestore.ingest.spool-dir", () -> spoolDir.toString());
        registry.add("onestore.ingest.schedule.enabled", () -> "false");
    }

    @TempDir
    static Path spoolDir;

    @Autowired
    TestRestTemplate http;

    @Test
    void healthIsUpWithElasticsearchAsAComponent() {
        var response = http.getForEntity("/actuator/health", String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"status\":\"UP\"").contains("\"elasticsearch\":{\"status\":\"UP\"");
    }
}
