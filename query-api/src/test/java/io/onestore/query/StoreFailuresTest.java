package io.onestore.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.net.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Elasticsearch failing for real: the service talks to it through a TCP proxy whose line the test cuts, and a write
 * the real server refuses half-way. A cut line is the store's state (503, retry); nothing is left half-written.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"onestore.security.api-keys=failures-key", "spring.elasticsearch.socket-timeout=5s"})
class StoreFailuresTest {

    static ContractIndices es;
    static TcpProxy proxy;

    @BeforeAll
    static void setUp() {
        es = ContractIndices.install(StoreFailuresTest.class);
        proxy = new TcpProxy(ElasticsearchTestServer.global().url());
    }

    @AfterAll
    static void tearDown() throws Exception {
        proxy.close();
        es.close();
    }

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("spring.elasticsearch.uris", () -> proxy.url());
        registry.add("onestore.index.prefix", () -> es.names().prefix());
    }

    @Autowired
    TestRestTemplate http;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void aCutConnectionIsA503WithRetryAfterAndTheServiceRecoversWhenItComesBack() throws Exception {
        String sentiment = "/api/v1/insights/sentiment?hashtags=nike";
        assertThat(get(sentiment).getStatusCode().value()).isEqualTo(200);

        proxy.cut();
        try {
            ResponseEntity<String> down = get(sentiment);

            assertThat(down.getStatusCode().value()).isEqualTo(503);
            assertThat(down.getHeaders().getFirst("Retry-After")).isEqualTo("30");
            assertThat(down.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(json.readTree(down.getBody()).at("/type").asText())
                    .isEqualTo("https://onestore.io/problems/store-unavailable");
            assertThat(down.getBody()).doesNotContain("Connection").doesNotContain("127.0.0.1");
        } finally {
            proxy.restore();
        }
        assertThat(get(sentiment).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aCampaignWhoseDocumentTheStoreRefusesLeavesNoTargetBehind() throws Exception {
        // A real refusal in the middle of the create: the campaigns index is blocked for writes, its targets are not.
        String campaigns = es.names().firstIndex(io.onestore.model.index.IndexAlias.CAMPAIGNS);
        es.client().indices().putSettings(s -> s.index(campaigns).settings(i -> i.blocks(b -> b.write(true))));
        try {
            HttpHeaders headers = headers();
            headers.setContentType(MediaType.APPLICATION_JSON);
            String body = "{\"name\":\"blocked\",\"hashtags\":[\"halfway\",\"second\"],\"handles\":[\"halfway\"],"
                    + "\"start\":\"2026-10-01T00:00:00Z\"}";
            ResponseEntity<String> answer =
                    http.exchange("/api/v1/campaigns", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);

            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            JsonNode problem = json.readTree(answer.getBody());
            assertThat(problem.at("/type").asText()).isEqualTo("https://onestore.io/problems/store-unavailable");
        } finally {
            es.client().indices().putSettings(s -> s.index(campaigns).settings(i -> i.blocks(b -> b.write(false))));
        }
        es.client().indices().refresh(r -> r.index(es.names().targets()));
        assertThat(es.client()
                        .count(c -> c.index(es.names().targets())
                                .query(q -> q.terms(t -> t.field("value")
                                        .terms(v -> v.value(java.util.List.of(
                                                co.elastic.clients.elasticsearch._types.FieldValue.of("halfway"),
                                                co.elastic.clients.elasticsearch._types.FieldValue.of("second")))))))
                        .count())
                .isZero();
    }

    private ResponseEntity<String> get(String path) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers()), String.class);
    }

    private static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-Key", "failures-key");
        return headers;
    }
}
