package io.onestore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.testsupport.net.FreePort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shell scripts the containers run, run here by bash against a loopback HTTP server in place of the service:
 * the Java services' healthcheck (deploy/image/healthcheck) and es-setup (deploy/elasticsearch/setup.sh).
 */
class ContainerScriptsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Everything that broke the JSON the old setup.sh wrote by hand. */
    static final String AWKWARD = "it's \"quoted\" \\ and spaced $HOME `id` ü";

    @Test
    void theHealthcheckPassesOnlyWhenReadinessAnswers200() {
        try (FakeHttpServer up = new FakeHttpServer(200, "{\"status\":\"UP\"}");
                FakeHttpServer refusing = new FakeHttpServer(503, "{\"status\":\"OUT_OF_SERVICE\"}")) {
            assertThat(healthcheck(up.port()).exitCode()).isZero();
            assertThat(up.received()).singleElement().satisfies(request -> assertThat(request.path())
                    .isEqualTo("/actuator/health/readiness"));
            assertThat(healthcheck(refusing.port()).exitCode()).isNotZero();
        }
        int closed = FreePort.pick();
        assertThat(healthcheck(closed).exitCode()).as("nothing listens").isNotZero();
    }

    @Test
    void esSetupSendsAnyPasswordAsExactJsonAndLogsInAsElastic() throws Exception {
        try (FakeHttpServer elasticsearch = new FakeHttpServer(200, "{\"acknowledged\":true}")) {
            Command setup = setup(elasticsearch.url(), "elastic " + AWKWARD);
            assertThat(setup.exitCode()).as(setup.stderr()).isZero();

            List<FakeHttpServer.Received> requests = elasticsearch.received();
            String basic = "Basic "
                    + Base64.getEncoder()
                            .encodeToString(("elastic:elastic " + AWKWARD).getBytes(StandardCharsets.UTF_8));
            assertThat(requests)
                    .allSatisfy(request -> assertThat(request.authorization()).isEqualTo(basic));
            JsonNode kibana = body(requests, "POST", "/_security/user/kibana_system/_password");
            assertThat(kibana.path("password").asText()).isEqualTo("kibana " + AWKWARD);
            for (String user : List.of("onestore_ingestor", "onestore_query")) {
                JsonNode created = body(requests, "PUT", "/_security/user/" + user);
                assertThat(created.path("password").asText()).isEqualTo("onestore " + AWKWARD);
                assertThat(created.path("roles").get(0).asText()).isEqualTo(user);
                JsonNode role = body(requests, "PUT", "/_security/role/" + user);
                assertThat(role.path("indices").isArray()).isTrue();
            }
            assertThat(setup.stdout() + setup.stderr()).doesNotContain(AWKWARD);
        }
    }

    @Test
    void esSetupFailsAtOnceAndSaysWhyWhenTheElasticPasswordIsWrong() {
        try (FakeHttpServer elasticsearch = new FakeHttpServer(401, "{\"error\":\"unauthorized\"}")) {
            Command setup = setup(elasticsearch.url(), "not-the-password");
            assertThat(setup.exitCode()).isNotZero();
            assertThat(setup.stderr()).contains("ELASTIC_PASSWORD is not the password");
            assertThat(elasticsearch.received()).hasSize(1);
        }
    }

    private static Command healthcheck(int port) {
        return Command.run(
                Repo.root(),
                Map.of("SERVER_PORT", Integer.toString(port)),
                List.of(),
                Duration.ofSeconds(20),
                List.of("bash", Repo.file("deploy/image/healthcheck").toString()));
    }

    private static Command setup(String url, String elasticPassword) {
        return Command.run(
                Repo.root(),
                Map.of(
                        "ES_URL",
                        url,
                        "ELASTIC_PASSWORD",
                        elasticPassword,
                        "KIBANA_PASSWORD",
                        "kibana " + AWKWARD,
                        "ONESTORE_ES_PASSWORD",
                        "onestore " + AWKWARD),
                List.of(),
                Duration.ofSeconds(60),
                List.of("bash", Repo.file("deploy/elasticsearch/setup.sh").toString()));
    }

    private static JsonNode body(List<FakeHttpServer.Received> requests, String method, String path) throws Exception {
        FakeHttpServer.Received request = requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " " + path + " in " + requests));
        return JSON.readTree(request.body());
    }
}
