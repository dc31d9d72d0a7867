package io.onestore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nginx.conf's retry policy, deterministically: replica 1 drops every request, replica 2 answers. A GET that hits
 * replica 1 is retried on replica 2; a POST is not (a campaign must not be created twice), so its client sees the 503
 * ProblemDetail and replica 2 never receives it.
 */
class NginxRetryPolicyTest {

    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static Path nginxBinary;

    @BeforeAll
    static void findNginx() {
        nginxBinary = Binaries.require("nginx", "nginx");
    }

    @Test
    void aGetThatMeetsADroppingReplicaIsRetriedOnTheOther() throws Exception {
        try (var dropping = new FakeReplicas.Dropping();
                var healthy = new FakeReplicas.Healthy();
                var nginx = NginxProcess.start(nginxBinary, dropping.hostPort(), healthy.hostPort())) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(send(nginx, "GET", "/api/v1/campaigns").statusCode());
            }

            assertThat(statuses).containsOnly(200);
            assertThat(dropping.connections()).isPositive();
            assertThat(nginx.accessLog())
                    .anyMatch(entry ->
                            entry.path("upstream").asText().equals(dropping.hostPort() + ", " + healthy.hostPort()));
        }
    }

    @Test
    void aPostThatMeetsADroppingReplicaIsNotRetried() throws Exception {
        try (var dropping = new FakeReplicas.Dropping();
                var healthy = new FakeReplicas.Healthy();
                var nginx = NginxProcess.start(nginxBinary, dropping.hostPort(), healthy.hostPort())) {
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                responses.add(send(nginx, "POST", "/api/v1/campaigns"));
            }

            List<HttpResponse<String>> failed =
                    responses.stream().filter(r -> r.statusCode() != 200).toList();
            assertThat(failed).isNotEmpty().allSatisfy(response -> {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            });
            // Every POST reached exactly one replica: the healthy one saw only those that were answered 200.
            assertThat(healthy.requests("POST")).isEqualTo(responses.size() - failed.size());
            for (JsonNode entry : nginx.accessLog()) {
                assertThat(entry.path("upstream").asText()).doesNotContain(",");
            }
        }
    }

    private static HttpResponse<String> send(NginxProcess nginx, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(nginx.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{\"name\":\"spring launch\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
