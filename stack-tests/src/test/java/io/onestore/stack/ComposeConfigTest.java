package io.onestore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose files as Docker's own parser reads them: Debian's docker-compose 1.29 validates the file against the
 * compose schema, resolves the anchors and the variables, and needs no Docker engine for {@code config}.
 */
class ComposeConfigTest {

    static final Set<String> SERVICES = Set.of(
            "elasticsearch",
            "es-setup",
            "kibana",
            "kibana-setup",
            "simulator",
            "ingestor",
            "query-api-1",
            "query-api-2",
            "nginx");

    private static Path dockerCompose;

    @BeforeAll
    static void findDockerCompose() {
        dockerCompose = Binaries.require("docker-compose", "docker-compose");
    }

    @Test
    void theMainFileIsValidWithoutAnEnvFile() {
        Command config = compose(List.of(), "config");

        assertThat(config.exitCode()).as(config.stderr()).isZero();
        // Every variable has a default: the first `docker compose up` needs no .env and no exported variables.
        assertThat(config.stderr()).doesNotContainIgnoringCase("variable is not set");
        assertThat(config.stdout())
                .contains("image: docker.elastic.co/elasticsearch/elasticsearch:" + Repo.elasticsearchVersion());
        assertThat(services(List.of())).isEqualTo(new TreeSet<>(SERVICES));
    }

    @Test
    void theClusterProfileAddsTwoNodesAndTheirCertificates() {
        List<String> files =
                List.of("-f", "docker-compose.yml", "-f", "docker-compose.cluster.yml", "--profile", "cluster");
        Command config = compose(files, "config");

        assertThat(config.exitCode()).as(config.stderr()).isZero();
        assertThat(config.stderr()).doesNotContainIgnoringCase("variable is not set");
        assertThat(services(files)).containsAll(SERVICES).contains("es-certs", "es02", "es03");
        assertThat(config.stdout())
                .contains("cluster.initial_master_nodes: es01,es02,es03")
                .contains("xpack.security.transport.ssl.enabled: \"true\"");
    }

    private static Set<String> services(List<String> files) {
        Command services = compose(files, "config", "--services");
        assertThat(services.exitCode()).as(services.stderr()).isZero();
        return new TreeSet<>(services.stdout()
                .lines()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList());
    }

    private static Command compose(List<String> files, String... args) {
        List<String> command = new ArrayList<>(List.of(dockerCompose.toString()));
        command.addAll(files);
        command.addAll(List.of(args));
        // The variables a developer may have exported must not hide a missing default.
        List<String> cleared = List.of("ELASTIC_", "KIBANA_", "ONESTORE_", "COMPOSE_", "DOCKER_");
        return Command.run(Repo.root(), Map.of(), cleared, Duration.ofSeconds(60), command);
    }
}
