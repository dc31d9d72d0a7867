package io.onestore.testsupport.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;

/**
 * The one real Elasticsearch every test in a JVM shares (design.md §6). Chosen in this order, unless
 * {@code ONESTORE_ES_MODE} / {@code -Donestore.es.mode} names one of {@code external}, {@code testcontainers},
 * {@code distribution}:
 *
 * <ol>
 *   <li>{@code ONESTORE_ES_URL}, when it answers {@code /_cluster/health};
 *   <li>Testcontainers, when a Docker engine answers;
 *   <li>the distribution Maven fetched, started as a child process and stopped by a shutdown hook.
 * </ol>
 *
 * Tests keep out of each other's way with their own index prefix ({@link #indexPrefix(Class)}), not their own server.
 */
public final class ElasticsearchTestServer {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchTestServer.class);
    private static final AtomicInteger LAUNCHES = new AtomicInteger();
    private static volatile ElasticsearchTestServer global;

    private final String url;
    private final String mode;

    private ElasticsearchTestServer(String url, String mode) {
        this.url = url;
        this.mode = mode;
    }

    /** The shared server of this JVM, started on first use. */
    public static ElasticsearchTestServer global() {
        ElasticsearchTestServer server = global;
        if (server == null) {
            synchronized (ElasticsearchTestServer.class) {
                server = global;
                if (server == null) {
                    server = startOnce();
                    global = server;
                }
            }
        }
        return server;
    }

    /** How many servers this JVM launched itself (0 when an external one was used). */
    public static int launchesInThisJvm() {
        return LAUNCHES.get();
    }

    /** {@code http://127.0.0.1:port}, no trailing slash. */
    public String url() {
        return url;
    }

    /**
     * A client for plain (non-Spring) tests, writing and reading JSON with the given mapper. The caller closes it
     * ({@code client._transport().close()}); Spring tests use the auto-configured client instead.
     */
    public ElasticsearchClient newClient(ObjectMapper mapper) {
        RestClient rest = RestClient.builder(HttpHost.create(url)).build();
        return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(mapper)));
    }

    /** {@code external}, {@code testcontainers} or {@code distribution}. */
    public String mode() {
        return mode;
    }

    /**
     * An index prefix of this test class's own, e.g. {@code t-campaignreporttest-4f2a-}: lower case, unique per run,
     * so repeated runs against a long-lived external server never see old data.
     */
    public static String indexPrefix(Class<?> testClass) {
        String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String suffix = Long.toString(System.nanoTime() & 0xfffff, 36);
        return "t-" + name + "-" + suffix + "-";
    }

    private static ElasticsearchTestServer startOnce() {
        String mode = Settings.get("onestore.es.mode", "auto").toLowerCase(Locale.ROOT);
        String external = Settings.get("onestore.es.url", null);
        if (mode.equals("external") || (mode.equals("auto") && external != null)) {
            if (external == null) {
                throw new ElasticsearchStartException("ONESTORE_ES_MODE=external needs ONESTORE_ES_URL");
            }
            String url = external.replaceAll("/+$", "");
            if (ClusterHealth.isReady(url)) {
                log.info("Using the Elasticsearch at {} (ONESTORE_ES_URL)", url);
                return new ElasticsearchTestServer(url, "external");
            }
            if (mode.equals("external")) {
                throw new ElasticsearchStartException("ONESTORE_ES_URL " + url + " does not answer /_cluster/health");
            }
            log.warn("ONESTORE_ES_URL {} does not answer; starting one instead", url);
        }
        if (mode.equals("testcontainers") || (mode.equals("auto") && dockerAnswers())) {
            return startContainer();
        }
        if (mode.equals("auto") || mode.equals("distribution")) {
            return startDistribution();
        }
        throw new ElasticsearchStartException(
                "unknown ONESTORE_ES_MODE '" + mode + "': use auto, external, testcontainers or distribution");
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static ElasticsearchTestServer startContainer() {
        String version = Settings.get("onestore.es.version", ElasticsearchDistribution.DEFAULT_VERSION);
        ElasticsearchContainer container = new ElasticsearchContainer(
                        "docker.elastic.co/elasticsearch/elasticsearch:" + version)
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        container.start();
        LAUNCHES.incrementAndGet();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "elasticsearch-container-stop"));
        return new ElasticsearchTestServer("http://" + container.getHttpHostAddress(), "testcontainers");
    }

    private static ElasticsearchTestServer startDistribution() {
        ElasticsearchProcess node = ElasticsearchProcess.start(ElasticsearchDistribution.fromEnvironment(), List.of());
        LAUNCHES.incrementAndGet();
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "elasticsearch-stop"));
        return new ElasticsearchTestServer(node.url(), "distribution");
    }
}
