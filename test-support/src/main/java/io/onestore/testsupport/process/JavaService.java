package io.onestore.testsupport.process;

import io.onestore.testsupport.net.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One OneStore service started as a child process from the Spring Boot jar the reactor just built
 * ({@code <module>/target/<module>-*.jar}) with {@code java -jar}, on a free loopback port, its output in
 * {@code <logs>/<name>.log}. The end-to-end and the stack tests both start the real jars this way, so a test
 * exercises what ships, not a Spring context assembled inside the test JVM.
 *
 * <p>The repository root is the system property {@code onestore.repo.root} (default {@code ..}, the module's parent,
 * which is where Surefire runs). {@link #close()} stops the service gracefully; {@link #kill()} the way a crashed
 * container goes.
 */
public final class JavaService implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private JavaService(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code module}'s jar as {@code name}, with {@code environment} on top of this JVM's ({@code SERVER_PORT}
     * and {@code SERVER_ADDRESS} are set here; {@code JAVA_TOOL_OPTIONS} is dropped so a test agent does not follow).
     * Small heap, quick JIT: several of these share two cores with Elasticsearch.
     *
     * @param logs folder of the service's log file, created if missing
     * @throws IllegalStateException when the module has no packaged jar
     */
    public static JavaService start(String name, String module, Map<String, String> environment, Path logs)
            throws IOException {
        int port = FreePort.pick();
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(
                List.of(java, "-Xms64m", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k"));
        command.addAll(List.of("-jar", jar(module).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(logs.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        return new JavaService(name, builder.start(), port, log);
    }

    /** The Spring Boot jar of a module, not its {@code -plain} companion. */
    public static Path jar(String module) throws IOException {
        Path root = Path.of(System.getProperty("onestore.repo.root", ".."));
        Path target = root.resolve(module).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().endsWith("-plain.jar")) {
                    return jar.toAbsolutePath().normalize();
                }
            }
        } catch (NoSuchFileException e) {
            // reported below
        }
        throw new IllegalStateException(
                "no " + module + " jar in " + target.toAbsolutePath().normalize()
                        + ": build with the reactor (./mvnw -B verify -pl <this module> -am), which packages it first");
    }

    /**
     * Waits until {@code /actuator/health} answers 200 (UP), failing early with the log's tail if the JVM exits.
     *
     * @throws IllegalStateException when the service exits or is not healthy within {@code timeout}
     */
    public JavaService awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + "; its log:\n" + logTail(60));
            }
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + "; its log:\n" + logTail(60));
    }

    public String name() {
        return name;
    }

    /** {@code 127.0.0.1:<port>}, as an nginx upstream names it. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://" + hostPort();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the service's output. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL, the way a crashed or OOM-killed container goes: no graceful shutdown, connections just break. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM (Spring's graceful shutdown), SIGKILL after 20 s; children of the JVM, if any, likewise. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
