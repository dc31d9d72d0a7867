package io.onestore.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.testsupport.net.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's nginx/nginx.conf run by the real nginx binary as a foreground child process, in a temp prefix,
 * its {@code ${VARIABLES}} filled in like the nginx image's envsubst step does. The access log (stdout) and the error
 * log (stderr) go to files in the prefix.
 */
final class NginxProcess implements AutoCloseable {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path prefix;
    private final int port;

    private NginxProcess(Process process, Path prefix, int port) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
    }

    /** Starts nginx on a free loopback port in front of the given upstream addresses ({@code host:port}). */
    static NginxProcess start(Path nginx, String upstream1, String upstream2) throws IOException {
        Path prefix = Files.createTempDirectory("onestore-nginx-");
        // When the tests run as root, nginx's workers run as nobody and must reach the temp paths in here.
        Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(prefix.resolve("conf"));
        Files.createDirectories(prefix.resolve("temp"));
        int port = FreePort.pick();
        String config = render(
                Repo.read("nginx/nginx.conf"),
                Map.of(
                        "NGINX_LISTEN",
                        "127.0.0.1:" + port,
                        "QUERY_API_1",
                        upstream1,
                        "QUERY_API_2",
                        upstream2,
                        "NGINX_TEMP_DIR",
                        prefix.resolve("temp").toString()));
        Files.writeString(prefix.resolve("conf/nginx.conf"), config);

        String globals = "daemon off; pid " + prefix.resolve("nginx.pid") + ";";
        if ("root".equals(System.getProperty("user.name"))) {
            globals += " user nobody "
                    + (Files.readString(Path.of("/etc/group")).contains("\nnogroup:") ? "nogroup" : "nobody") + ";";
        }
        Process process = new ProcessBuilder(
                        nginx.toString(),
                        "-p",
                        prefix.toString(),
                        "-c",
                        "conf/nginx.conf",
                        "-e",
                        "stderr",
                        "-g",
                        globals)
                .redirectOutput(prefix.resolve("access.log").toFile())
                .redirectError(prefix.resolve("error.log").toFile())
                .start();
        NginxProcess started = new NginxProcess(process, prefix, port);
        Instant deadline = Instant.now().plusSeconds(15);
        while (!FreePort.accepts(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                started.close();
                throw new IllegalStateException("nginx did not start: " + started.errorLog());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return started;
    }

    /** Replaces every {@code ${NAME}}; a variable without a value is an error, as a typo in the template would be. */
    static String render(String template, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("nginx.conf uses ${" + matcher.group(1) + "}, which has no value");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** The access log so far, one JSON object per request (nginx writes it unbuffered). */
    List<JsonNode> accessLog() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(prefix.resolve("access.log"))) {
            if (!line.isBlank()) {
                entries.add(JSON.readTree(line));
            }
        }
        return entries;
    }

    String errorLog() {
        try {
            return Files.readString(prefix.resolve("error.log"));
        } catch (IOException e) {
            return "(no error log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        // SIGTERM: the master stops its workers; only if it hangs are they all killed.
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(prefix)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }
}
