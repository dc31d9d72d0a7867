package io.onestore.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One query-api replica: the jar Maven just built, started with {@code java -jar} on a free loopback port. */
final class QueryApiProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private QueryApiProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static QueryApiProcess start(String elasticsearchUrl, String indexPrefix) throws IOException {
        int port = FreePort.pick();
        Path log = Files.createTempFile("onestore-query-api-" + port + "-", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        // Small and quick to start: two of these share the CI machine with Elasticsearch and nginx.
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPRING_ELASTICSEARCH_URIS", elasticsearchUrl);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        builder.environment().put("ONESTORE_INDEX_PREFIX", indexPrefix);
        builder.environment().put("ONESTORE_API_KEYS", "stack-test-key");
        return new QueryApiProcess(builder.start(), port, log);
    }

    /** query-api/target/query-api-*.jar: the reactor builds it before this module (stack-tests depends on it). */
    static Path jar() throws IOException {
        Path target = Path.of(System.getProperty("onestore.query-api.dir", "../query-api/target"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "query-api-*.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // reported below
        }
        throw new IllegalStateException("no query-api jar in " + target.toAbsolutePath()
                + ": run ./mvnw -B verify -pl stack-tests -am, which packages it first");
    }

    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("query-api on port " + port + " exited: " + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(address() + "/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            FreePort.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(
                "query-api on port " + port + " not healthy after " + timeout + ": " + logTail());
    }

    String hostPort() {
        return "127.0.0.1:" + port;
    }

    String address() {
        return "http://" + hostPort();
    }

    /** SIGKILL, the way a crashed or OOM-killed container goes: no graceful shutdown, connections just break. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
