package io.onestore.query;

import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
 * The whole service over HTTP against the real Elasticsearch, with the contract installed the way the ingestor
 * installs it: health and API docs are open, a campaign is created with a write key and its report read back.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "onestore.security.api-keys=e2e-admin,e2e-reader:read")
class QueryApiApplicationTest {

    static ContractIndices es;

    @BeforeAll
    static void installContract() throws Exception {
        es = ContractIndices.install(QueryApiApplicationTest.class);
        es.posts(List.of(
                post("1")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-09T10:00:00Z")
                        .likes(10)
                        .comments(2)
                        .build(),
                post("2")
                        .tags("nike")
                        .author("a2", "bob")
                        .at("2026-10-10T10:00:00Z")
                        .hiddenLikes()
                        .comments(4)
                        .build()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        ContractIndices.serve(registry, () -> es);
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void healthIsUpWithElasticsearchAsAComponent() {
        var response = http.getForEntity("/actuator/health", String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"status\":\"UP\"").contains("\"elasticsearch\":{\"status\":\"UP\"");
    }

    @Test
    void theOpenApiDescriptionNeedsNoKeyAndDescribesTheKey() {
        var response = http.getForEntity("/v3/api-docs", String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"X-API-Key\"").contains("/api/v1/campaigns/{id}/report");
    }

    @Test
    void aCampaignIsCreatedAndItsReportFetched() {
        HttpHeaders write = headers("e2e-admin");
        write.setContentType(MediaType.APPLICATION_JSON);
        String body =
                """
                {"name": "Just do it", "hashtags": ["#Nike"], "platforms": ["instagram"],
                 "start": "2026-10-10T00:00:00Z", "end": "2026-10-11T00:00:00Z", "baselineDays": 1, "afterDays": 1}
                """;
        ResponseEntity<String> created =
                http.exchange("/api/v1/campaigns", HttpMethod.POST, new HttpEntity<>(body, write), String.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String location = created.getHeaders().getLocation().getPath();

        ResponseEntity<String> report = http.exchange(
                location + "/report?interval=1d",
                HttpMethod.GET,
                new HttpEntity<>(headers("e2e-reader")),
                String.class);

        assertThat(report.getStatusCode().value()).isEqualTo(200);
        assertThat(report.getBody())
                .contains("\"totals\":{\"posts\":2,\"uniqueAuthors\":2,\"likes\":10,\"comments\":6,\"engagement\":16,"
                        + "\"postsWithUnknownLikes\":1,\"postsWithUnknownEngagement\":0}")
                .contains("\"hashtags\":[\"nike\"]");

        ResponseEntity<String> forbidden =
                http.exchange(location, HttpMethod.DELETE, new HttpEntity<>(headers("e2e-reader")), String.class);
        assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
        assertThat(forbidden.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    static HttpHeaders headers(String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-Key", key);
        return headers;
    }
}
