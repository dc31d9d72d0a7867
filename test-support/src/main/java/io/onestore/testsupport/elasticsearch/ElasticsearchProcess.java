package io.onestore.testsupport.elasticsearch;

import io.onestore.testsupport.net.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Elasticsearch node run from the unpacked distribution as a child process: loopback only, random free ports, its
 * own config, data and log folders in a fresh temp folder, security off, single node. As root it runs as an
 * unprivileged user (Elasticsearch refuses root) through {@code setpriv}, which also asks the kernel to send it
 * SIGTERM if the launching thread dies, so a killed test JVM does not leave a node behind.
 */
public final class ElasticsearchProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchProcess.class);
    private static final int LOG_TAIL_LINES = 60;

    private final Path instanceDir;
    private final int httpPort;
    private final Process process;

    private ElasticsearchProcess(Path instanceDir, int httpPort, Process process) {
        this.instanceDir = instanceDir;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** Starts a node and waits until it is ready, or fails with the reason and the tail of its log. */
    public static ElasticsearchProcess start(ElasticsearchDistribution distribution, List<String> extraSettings) {
        Path home = distribution.home();
        Duration timeout =
                Duration.ofSeconds(Long.parseLong(Settings.get("onestore.es.startup-timeout-seconds", "180")));
        String heap = Settings.get("onestore.es.heap", "512m");
        try {
            Path instance = Files.createTempDirectory("onestore-es-node-");
            Path config = instance.resolve("config");
            copyTree(home.resolve("config"), config);
            Files.createDirectories(instance.resolve("data"));
            Files.createDirectories(instance.resolve("logs"));
            int httpPort = FreePort.pick();
            int transportPort = FreePort.pick();

            List<String> command = new ArrayList<>();
            command.add(home.resolve("bin/elasticsearch").toString());
            for (String setting : List.of(
                    "cluster.name=onestore-test",
                    "node.name=onestore-test-" + httpPort,
                    "discovery.type=single-node",
                    "xpack.security.enabled=false",
                    "http.host=127.0.0.1",
                    "transport.host=127.0.0.1",
                    "http.port=" + httpPort,
                    "transport.port=" + transportPort,
                    "path.data=" + instance.resolve("data"),
                    "path.logs=" + instance.resolve("logs"),
                    // A nearly full disk must not turn test indices read-only.
                    "cluster.routing.allocation.disk.threshold_enabled=false")) {
                command.add("-E" + setting);
            }
            extraSettings.forEach(s -> command.add("-E" + s));

            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(instance.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(instance.resolve("logs/console.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("ES_JAVA_HOME", System.getProperty("java.home"));
            env.put("ES_PATH_CONF", config.toString());
            env.put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
            env.remove("JAVA_TOOL_OPTIONS"); // the build's agents must not leak into the node

            Process process = NodeLauncher.launch(builder, instance);
            ElasticsearchProcess node = new ElasticsearchProcess(instance, httpPort, process);
            node.awaitReady(timeout);
            log.info("Elasticsearch {} ready at {} (pid {})", distribution.version(), node.url(), process.pid());
            return node;
        } catch (IOException e) {
            throw new ElasticsearchStartException("cannot prepare an Elasticsearch node: " + e, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path instanceDir() {
        return instanceDir;
    }

    /** Stops the node (SIGTERM, then SIGKILL after 30 s) and deletes its folder. */
    @Override
    public void close() {
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("Elasticsearch did not stop within 30 s; killing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            ElasticsearchDistribution.deleteTree(instanceDir);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", instanceDir, e.toString());
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = logTail();
                close();
                throw new ElasticsearchStartException("Elasticsearch exited with code " + process.exitValue()
                        + " before it was ready. Last lines of its log:\n" + tail);
            }
            if (ClusterHealth.isReady(url())) {
                return;
            }
            sleepQuietly(250);
        }
        String tail = logTail();
        close();
        throw new ElasticsearchStartException(
                "Elasticsearch was not ready at " + url() + " within " + timeout + ". Last lines of its log:\n" + tail);
    }

    /** The last lines of the console output, or of the node log when the console is empty. */
    String logTail() {
        for (Path file :
                List.of(instanceDir.resolve("logs/console.log"), instanceDir.resolve("logs/onestore-test.log"))) {
            try {
                if (Files.isRegularFile(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    if (!lines.isEmpty()) {
                        return String.join(
                                "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                return "(log unreadable: " + e + ")";
            }
        }
        return "(no log output)";
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis); // polling a child process's readiness: there is nothing to wait on instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchStartException("interrupted while waiting for Elasticsearch", e);
        }
    }
}
