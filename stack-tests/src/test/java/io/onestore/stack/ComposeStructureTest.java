package io.onestore.stack;

import static io.onestore.stack.ComposeFile.cast;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What docker-compose's parser cannot tell: the shape the stack promises (issue #6, docs/deployment.md). */
class ComposeStructureTest {

    static final Set<String> ONE_SHOTS = Set.of("es-setup", "kibana-setup", "es-certs");
    static final Set<String> PUBLISHED = Set.of("nginx", "kibana");
    static final String HEALTHCHECK = "/usr/local/bin/onestore-healthcheck";

    final ComposeFile main = ComposeFile.read("docker-compose.yml");
    final ComposeFile cluster = ComposeFile.read("docker-compose.cluster.yml");

    @Test
    void everyLongRunningServiceHasAHealthcheckAndEveryOneShotRunsOnce() {
        main.services().forEach((name, service) -> {
            if (ONE_SHOTS.contains(name)) {
                assertThat(service.get("restart")).as(name).isEqualTo("no");
            } else {
                Map<String, Object> healthcheck = cast(service.get("healthcheck"));
                assertThat(healthcheck).as(name + " healthcheck").isNotNull();
                assertThat(healthcheck.get("disable")).as(name).isNotEqualTo(true);
                List<String> test = cast(healthcheck.get("test"));
                assertThat(test).as(name).isNotEmpty().doesNotContain("NONE");
            }
            assertThat(service.get("mem_limit")).as(name + " mem_limit").isNotNull();
        });
    }

    @Test
    void dependenciesWaitForHealthOrForTheOneShotToSucceed() {
        for (ComposeFile file : List.of(main, cluster)) {
            file.services().forEach((name, service) -> {
                Map<String, Map<String, Object>> dependsOn = cast(service.getOrDefault("depends_on", Map.of()));
                dependsOn.forEach((dependency, spec) -> {
                    String expected =
                            ONE_SHOTS.contains(dependency) ? "service_completed_successfully" : "service_healthy";
                    assertThat(spec.get("condition"))
                            .as(name + " -> " + dependency)
                            .isEqualTo(expected);
                    assertThat(main.services().containsKey(dependency)
                                    || cluster.services().containsKey(dependency))
                            .as(name + " depends on an unknown " + dependency)
                            .isTrue();
                });
            });
        }
        Map<String, Object> nginxDependsOn = cast(main.service("nginx").get("depends_on"));
        assertThat(nginxDependsOn).containsOnlyKeys("query-api-1", "query-api-2");
        Map<String, Object> kibanaSetupDependsOn =
                cast(main.service("kibana-setup").get("depends_on"));
        assertThat(kibanaSetupDependsOn).containsKey("kibana");
        Map<String, Object> ingestorDependsOn = cast(main.service("ingestor").get("depends_on"));
        assertThat(ingestorDependsOn).containsKeys("elasticsearch", "es-setup", "simulator");
    }

    @Test
    void onlyNginxAndKibanaArePublishedAndKibanaOnlyOnLoopback() {
        for (ComposeFile file : List.of(main, cluster)) {
            file.services().forEach((name, service) -> {
                assertThat(service).as(name).doesNotContainKey("network_mode");
                if (!PUBLISHED.contains(name)) {
                    assertThat(service).as(name + " publishes ports").doesNotContainKey("ports");
                }
            });
        }
        List<String> kibanaPorts = cast(main.service("kibana").get("ports"));
        assertThat(kibanaPorts).allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        List<String> nginxPorts = cast(main.service("nginx").get("ports"));
        assertThat(nginxPorts).singleElement().asString().endsWith(":8080");
    }

    @Test
    void nginxSharesNoNetworkWithElasticsearchOrKibana() {
        List<String> nginx = ComposeFile.networks(main.service("nginx"));
        for (String service : List.of("elasticsearch", "kibana", "ingestor", "simulator")) {
            assertThat(ComposeFile.networks(main.service(service))).as(service).doesNotContainAnyElementsOf(nginx);
        }
        for (String replica : List.of("query-api-1", "query-api-2")) {
            assertThat(ComposeFile.networks(main.service(replica))).as(replica).containsAll(nginx);
            Map<String, Object> build = cast(main.service(replica).get("build"));
            Map<String, Object> args = cast(build.get("args"));
            assertThat(args.get("MODULE")).isEqualTo("query-api");
        }
        Map<String, Object> env = ComposeFile.environment(main.service("nginx"));
        assertThat(env.get("QUERY_API_1")).isEqualTo("query-api-1:8080");
        assertThat(env.get("QUERY_API_2")).isEqualTo("query-api-2:8080");
    }

    @Test
    void nginxRendersExactlyTheVariablesItsTemplateUsesAndProxiesOnlyToTheReplicas() {
        String conf = Repo.read("nginx/nginx.conf");
        Set<String> used = new java.util.TreeSet<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(conf);
        while (variable.find()) {
            used.add(variable.group(1));
        }
        Map<String, Object> env = ComposeFile.environment(main.service("nginx"));
        assertThat(env).containsKeys(used.toArray(String[]::new));
        // The image's envsubst step must touch nothing else: nginx's own $variables stay as they are.
        assertThat(String.valueOf(env.get("NGINX_ENVSUBST_FILTER")))
                .isEqualTo(
                        "^(" + String.join("|", List.of("NGINX_LISTEN", "QUERY_API_1", "QUERY_API_2", "NGINX_TEMP_DIR"))
                                + ")$$");
        assertThat(used).containsExactlyInAnyOrder("NGINX_LISTEN", "QUERY_API_1", "QUERY_API_2", "NGINX_TEMP_DIR");
        Matcher proxyPass = Pattern.compile("proxy_pass\\s+([^;]+);").matcher(conf);
        int proxied = 0;
        while (proxyPass.find()) {
            assertThat(proxyPass.group(1)).isEqualTo("http://query_api");
            proxied++;
        }
        assertThat(proxied).isPositive();
        assertThat(conf).doesNotContain("9200").doesNotContain("elasticsearch");
    }

    @Test
    void elasticAndKibanaImagesAreTheVersionTheTestsUse() {
        String version = Repo.elasticsearchVersion();
        for (ComposeFile file : List.of(main, cluster)) {
            file.services().forEach((name, service) -> {
                String image = String.valueOf(service.getOrDefault("image", ""));
                if (image.startsWith("docker.elastic.co/")) {
                    assertThat(image).as(name).endsWith(":" + version);
                }
            });
        }
        assertThat(String.valueOf(main.service("kibana").get("image")))
                .isEqualTo("docker.elastic.co/kibana/kibana:" + version);
        assertThat(cluster.services()).containsKeys("es02", "es03", "es-certs");
        for (String node : List.of("es02", "es03", "es-certs")) {
            assertThat(cluster.service(node).get("profiles")).as(node).isEqualTo(List.of("cluster"));
        }
    }

    @Test
    void elasticsearchIsSecuredWithThePasswordFromTheEnvironmentAndKeepsItsDataOnANamedVolume() {
        Map<String, Object> es = main.service("elasticsearch");
        Map<String, Object> env = ComposeFile.environment(es);
        assertThat(env.get("xpack.security.enabled")).isEqualTo("true");
        assertThat(env.get("discovery.type")).isEqualTo("single-node");
        assertThat(String.valueOf(env.get("ELASTIC_PASSWORD"))).startsWith("${ELASTIC_PASSWORD");
        List<String> volumes = cast(es.get("volumes"));
        String dataVolume = volumes.stream()
                .filter(v -> v.endsWith(":/usr/share/elasticsearch/data"))
                .findFirst()
                .orElseThrow();
        assertThat(main.topLevel("volumes")).containsKey(dataVolume.substring(0, dataVolume.indexOf(':')));
    }

    @Test
    void everyVariableIsDocumentedInEnvExampleAndDotEnvIsNeverCommitted() {
        String example = Repo.read(".env.example");
        String compose = (Repo.read("docker-compose.yml") + Repo.read("docker-compose.cluster.yml"))
                .lines()
                .filter(line -> !line.strip().startsWith("#"))
                .collect(Collectors.joining("\n"));
        // $${X} is the container's own variable (escaped for compose), not one compose substitutes.
        Matcher variables = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)").matcher(compose);
        while (variables.find()) {
            assertThat(example).as(variables.group(1) + " in .env.example").contains(variables.group(1) + "=");
        }
        assertThat(Repo.read(".gitignore").lines()).contains(".env");
    }

    @Test
    void everyBuiltImageComesFromTheOneDockerfileMultiStageNonRootHealthCheckedAndSizedForItsContainer() {
        String dockerfile = Repo.read("Dockerfile");
        assertThat(dockerfile)
                .contains("FROM eclipse-temurin:17-jdk AS build")
                .contains("./mvnw")
                .contains("FROM eclipse-temurin:17-jre")
                .contains("ARG MODULE")
                .contains("ARG PORT")
                .contains("COPY deploy/image/healthcheck " + HEALTHCHECK)
                .contains("-XX:MaxRAMPercentage=");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).as("USER").isTrue();
        assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
        // The build stage must not see MODULE: the three images then share its cached layer (one Maven run).
        String buildStage = dockerfile.substring(
                dockerfile.indexOf("FROM eclipse-temurin:17-jdk AS build"), dockerfile.indexOf("FROM build AS"));
        assertThat(buildStage).doesNotContain("MODULE").doesNotContain("ARG ");
        Matcher healthcheck = Pattern.compile("(?m)^HEALTHCHECK .* CMD (.+)$").matcher(dockerfile);
        assertThat(healthcheck.find()).as("HEALTHCHECK").isTrue();
        assertThat(healthcheck.group(1)).isEqualTo("[\"" + HEALTHCHECK + "\"]");
        assertThat(List.of(Repo.read(".dockerignore").split("\n"))).contains("**/target/", ".git/", ".env");
        // What the Dockerfile copies from outside the modules must be in the build context.
        assertThat(DockerIgnore.parse(Repo.read(".dockerignore")).excludes("deploy/image/healthcheck"))
                .isFalse();

        Set<String> modules = new java.util.TreeSet<>();
        main.services().forEach((name, service) -> {
            Map<String, Object> build = cast(service.get("build"));
            if (build == null) {
                return;
            }
            assertThat(build.get("context")).as(name).isEqualTo(".");
            assertThat(build).as(name).doesNotContainKey("dockerfile");
            Map<String, Object> args = cast(build.get("args"));
            String module = String.valueOf(args.get("MODULE"));
            assertThat(Files.isDirectory(Repo.file(module + "/src/main/java")))
                    .as(name + " MODULE " + module)
                    .isTrue();
            assertThat(String.valueOf(args.get("PORT"))).as(name + " PORT").isEqualTo(serverPort(module));
            modules.add(module);
        });
        assertThat(modules).containsExactlyInAnyOrder("simulator", "ingestor-service", "query-api");
    }

    @Test
    void healthchecksRunTheSameUnderEveryEngineAndNeverNeedThePassword() {
        main.services().forEach((name, service) -> {
            Map<String, Object> healthcheck = cast(service.get("healthcheck"));
            if (healthcheck == null) {
                return;
            }
            List<String> test = cast(healthcheck.get("test"));
            // ["CMD", "bash", "-c", "…"] always passed under podman's Docker API: shell code goes in CMD-SHELL, and
            // the Java services run one script in exec form.
            if (test.get(0).equals("CMD")) {
                assertThat(test.get(1)).as(name).doesNotEndWith("sh");
            }
            if (service.containsKey("build")) {
                assertThat(test).as(name).containsExactly("CMD", HEALTHCHECK);
            }
        });
        // The password may change (.env) while the node is fine: being up must not depend on it.
        for (ComposeFile file : List.of(main, cluster)) {
            file.services().forEach((name, service) -> {
                if (String.valueOf(service.get("image")).startsWith("docker.elastic.co/elasticsearch/")
                        && service.containsKey("healthcheck")) {
                    String test = String.valueOf(((Map<?, ?>) service.get("healthcheck")).get("test"));
                    assertThat(test).as(name).doesNotContain("PASSWORD").doesNotContain(" -u ");
                }
            });
        }
    }

    @Test
    void kibanaHasItsThreeEncryptionKeysEachLongEnoughAndDistinct() {
        Map<String, Object> env = ComposeFile.environment(main.service("kibana"));
        Set<String> defaults = new java.util.HashSet<>();
        for (String key : List.of(
                "XPACK_SECURITY_ENCRYPTIONKEY",
                "XPACK_ENCRYPTEDSAVEDOBJECTS_ENCRYPTIONKEY",
                "XPACK_REPORTING_ENCRYPTIONKEY")) {
            Matcher value = Pattern.compile("\\$\\{(\\w+):-([^}]*)}").matcher(String.valueOf(env.get(key)));
            assertThat(value.matches())
                    .as(key + " comes from .env with a demo default")
                    .isTrue();
            // Kibana refuses keys shorter than 32 characters.
            assertThat(value.group(2)).as(key).hasSizeGreaterThanOrEqualTo(32);
            defaults.add(value.group(2));
        }
        assertThat(defaults).hasSize(3);
    }

    @Test
    void everyFileTheStackMountsExists() {
        main.services().forEach((name, service) -> {
            List<String> volumes = cast(service.getOrDefault("volumes", List.of()));
            volumes.stream()
                    .filter(volume -> volume.startsWith("./") || volume.startsWith("${ONESTORE_CONFIG_DIR:-./"))
                    .map(volume -> volume.replace("${ONESTORE_CONFIG_DIR:-", "").replace("}", ""))
                    .map(volume -> volume.substring(0, volume.indexOf(':')))
                    .forEach(path -> assertThat(Files.exists(Repo.file(path)))
                            .as(name + " mounts " + path)
                            .isTrue());
        });
        assertThat(Repo.file("deploy/demo/accounts.txt")).exists();
        assertThat(Repo.file("deploy/demo/targets.txt")).exists();
    }

    /** {@code server.port} of a module's application.yml: the port its image's healthcheck and EXPOSE must use. */
    private static String serverPort(String module) {
        Map<String, Object> yaml =
                new org.yaml.snakeyaml.Yaml().load(Repo.read(module + "/src/main/resources/application.yml"));
        Map<String, Object> server = cast(yaml.get("server"));
        return String.valueOf(server.get("port"));
    }
}
