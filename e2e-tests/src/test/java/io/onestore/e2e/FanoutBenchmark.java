package io.onestore.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.process.JavaService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertion on the figures; run by {@code bench/fanout.sh}, not by the build): the capture fan-out of
 * one ingestor over many targets against a sequential one-request-at-a-time loop, both on the simulator with the same
 * added latency. Writes {@code e2e-tests/target/bench/fanout-benchmark.{txt,json}}.
 *
 * <p>The world: {@code targets} hashtags nobody uses (an empty feed is one call per capture, so the figures are the
 * fan-out's, not parsing's), every web call delayed {@code latency-ms}, simulated time {@code clock-rate} times as fast
 * as real time so that the accounts' hourly budget windows pass in minutes. The ingestor runs its default settings in
 * simulated time (interval 5 minutes, planner bounds 1 to 5 minutes) with {@code accounts} accounts of 200 calls a
 * simulated hour. Calls are counted by the simulator (its {@code http.server.requests} on {@code /api/v1}), so a
 * call the ingestor does not know it made still counts, and every 429 is one the ingestor's pacing caused: no rate
 * limit fault is injected.
 *
 * <ul>
 *   <li>the first cycle finds every account's budget whole: 10,000 targets, 10,000 calls; its duration is the cycle
 *       time when the budget allows;
 *   <li>after it, {@code windows} budget windows in which the targets exceed the budget: the share of the pool's
 *       budget the ingestor used;
 *   <li>then the ingestor's heap after a full GC (jcmd, then its actuator) and its resident set ({@code /proc}).
 * </ul>
 *
 * <p>The baseline, measured first in the same run: a loop that sends the same requests one at a time, rotating over
 * its own accounts, as the original design ran. It does strictly less per call (no parsing, no indexing). Tune with
 * {@code -Donestore.bench.fanout.targets=}, {@code .accounts=}, {@code .latency-ms=}, {@code .clock-rate=},
 * {@code .windows=}, {@code .baseline-seconds=}, {@code .concurrency=} (the ingestor's fetches in flight; default four
 * times the clock rate, at most 64, as explained where it is set).
 */
class FanoutBenchmark {

    private static final String APP_ID = "936619743392459";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int targets = Integer.getInteger("onestore.bench.fanout.targets", 10_000);
    private final int accounts = Integer.getInteger("onestore.bench.fanout.accounts", 50);
    private final int callsPerHour = 200;
    private final int latencyMs = Integer.getInteger("onestore.bench.fanout.latency-ms", 100);
    private final double clockRate = Double.parseDouble(System.getProperty("onestore.bench.fanout.clock-rate", "20"));
    private final int windows = Integer.getInteger("onestore.bench.fanout.windows", 1);
    private final int baselineSeconds = Integer.getInteger("onestore.bench.fanout.baseline-seconds", 20);
    private final List<String> lines = new ArrayList<>();
    private final ArrayNode figures = Json.MAPPER.createArrayNode();

    @Test
    void fanOutAgainstSequentialLoop() throws Exception {
        String es = ElasticsearchTestServer.global().url();
        Path logs = SimulatorToQueryApiE2ETest.LOGS.resolve(FanoutBenchmark.class.getSimpleName());
        Files.createDirectories(logs);
        Duration window = real(Duration.ofHours(1));
        double budgetPerSecond = accounts * callsPerHour / (double) window.toSeconds();
        say(
                "Capture fan-out: %d hashtag targets, %d ms latency per call, %d accounts x %d calls per simulated hour,"
                        + " clock x%s (a budget window is %d s real, the pool's budget %.1f calls/s); load average %s",
                targets, latencyMs, accounts, callsPerHour, clockRate, window.toSeconds(), budgetPerSecond, load());

        List<JavaService> services = new ArrayList<>();
        try {
            JavaService simulator = JavaService.start("simulator-fanout", "simulator", world(), logs);
            services.add(simulator);
            simulator.awaitHealthy(Duration.ofSeconds(180));

            double sequential = sequentialLoop(simulator.url());
            double sequentialCycle = targets / sequential;
            say(
                    "baseline (sequential loop, %d s): %.1f calls/s, a cycle of %d targets would take %.0f s",
                    baselineSeconds, sequential, targets, sequentialCycle);

            Calls before = calls(simulator.url());
            JavaService ingestor =
                    JavaService.start("ingestor-fanout", "ingestor-service", ingestor(es, simulator.url(), logs), logs);
            services.add(ingestor);
            ingestor.awaitHealthy(Duration.ofSeconds(180));

            // The first cycle: every account's budget is whole, so it may spend one call per target.
            Cycle first = firstCycle(ingestor, Duration.ofSeconds(Math.max(900, targets / 5)));
            Calls afterFirst = calls(simulator.url());
            long firstCalls = afterFirst.ok() + afterFirst.other() - before.ok() - before.other();
            say(
                    "first cycle: %d targets due, %.1f s, %d calls (%d answered 429), %.1f calls/s",
                    first.due(),
                    first.seconds(),
                    firstCalls,
                    afterFirst.tooMany() - before.tooMany(),
                    firstCalls / first.seconds());

            // Then the budget is the limit: count what the ingestor spends over whole windows.
            long start = System.nanoTime();
            Calls from = calls(simulator.url());
            LockSupport.parkNanos(window.multipliedBy(windows).toNanos());
            Calls to = calls(simulator.url());
            double seconds = (System.nanoTime() - start) / 1e9;
            long spent = to.ok() + to.tooMany() + to.other() - from.ok() - from.tooMany() - from.other();
            long tooMany = to.tooMany() - before.tooMany();
            double share = spent / (budgetPerSecond * seconds);
            double sequentialShare = Math.min(1.0, sequential / budgetPerSecond);
            say(
                    "over %d windows (%.0f s): %d calls, %.1f calls/s, %.1f %% of the budget (the loop: %.1f %%);"
                            + " 429 answers in the whole run: %d",
                    windows, seconds, spent, spent / seconds, 100 * share, 100 * sequentialShare, tooMany);

            Memory memory = memory(ingestor);
            say(
                    "ingestor memory: heap after full GC %.1f MB (max %.0f MB), RSS %.1f MB; committed by area: %s",
                    memory.heapMb(), memory.heapMaxMb(), memory.rssMb(), memory.areas());

            double ourRate = firstCalls / first.seconds();
            figure("fan-out calls per second", ourRate, sequential, ourRate / sequential, "higher", "calls/s");
            figure(
                    "fan-out cycle of " + targets + " targets (budget allows)",
                    first.seconds(),
                    sequentialCycle,
                    first.seconds() / sequentialCycle,
                    "<= one budget window (" + window.toSeconds() + " s)",
                    "s");
            figure(
                    "fan-out budget used (targets exceed it)",
                    share,
                    sequentialShare,
                    share / sequentialShare,
                    ">= 0.95",
                    "share");
            figure("fan-out 429 answers caused by our pacing", tooMany, 0, null, "0", "answers");
            figure("fan-out ingestor heap after GC", memory.heapMb(), null, null, "<= 128", "MB");
            figure("fan-out ingestor RSS", memory.rssMb(), null, null, "<= 300", "MB");
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
        }
        Path report = Path.of("target", "bench", "fanout-benchmark.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
        Files.write(report.resolveSibling("fanout-benchmark.md"), markdown());
        Files.writeString(
                report.resolveSibling("fanout-benchmark.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
    }

    private Map<String, String> world() {
        Map<String, String> env = new HashMap<>();
        env.put("ONESTORE_SIMULATOR_SEED", "16");
        env.put("ONESTORE_SIMULATOR_CLOCK_RATE", String.valueOf(clockRate));
        env.put(
                "ONESTORE_SIMULATOR_ORIGIN",
                Instant.now().minus(Duration.ofHours(1)).toString());
        env.put("ONESTORE_SIMULATOR_WORLD_AUTHORS", "500");
        env.put("ONESTORE_SIMULATOR_CAMPAIGN_BRAND", "none");
        env.put("ONESTORE_SIMULATOR_FAULTS_LATENCY_MS", String.valueOf(latencyMs));
        env.put("ONESTORE_SIMULATOR_FAULTS_PATH_PREFIX", "/api/v1/");
        env.put("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,metrics");
        return env;
    }

    private Map<String, String> ingestor(String es, String simulator, Path logs) throws Exception {
        StringBuilder accountLines = new StringBuilder();
        for (int i = 1; i <= accounts; i++) {
            accountLines.append("fan-%d fan-token-%d%n".formatted(i, i));
        }
        StringBuilder targetLines = new StringBuilder();
        for (int i = 1; i <= targets; i++) {
            targetLines.append("#fanout%05d%n".formatted(i));
        }
        Map<String, String> env = new HashMap<>();
        // Native memory tracking (summary: a few % overhead) so the report can say what the resident set holds; and
        // the memory flags the deployment runs with (Dockerfile, ./onestore): the heap gives back what a collection
        // freed (at most 30 % of it left free), and glibc keeps two malloc arenas instead of one per core and thread.
        env.put(
                "JAVA_TOOL_OPTIONS",
                "-XX:NativeMemoryTracking=summary -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30");
        env.put("MALLOC_ARENA_MAX", "2");
        env.put("SPRING_ELASTICSEARCH_URIS", es);
        env.put("ONESTORE_INDEX_PREFIX", ElasticsearchTestServer.indexPrefix(FanoutBenchmark.class));
        env.put("ONESTORE_SOURCES_INSTAGRAM_MODE", "web");
        env.put("ONESTORE_SOURCES_INSTAGRAM_BASE_URL", simulator);
        env.put(
                "ONESTORE_SOURCES_INSTAGRAM_ACCOUNTS_FILE",
                Files.writeString(logs.resolve("accounts.txt"), accountLines)
                        .toAbsolutePath()
                        .toString());
        env.put("ONESTORE_SOURCES_INSTAGRAM_BUDGET_CALLS_PER_WINDOW", String.valueOf(callsPerHour));
        env.put(
                "ONESTORE_SOURCES_INSTAGRAM_BUDGET_WINDOW",
                real(Duration.ofHours(1)).toMillis() + "ms");
        env.put(
                "ONESTORE_INGEST_TARGETS_FILE",
                Files.writeString(logs.resolve("targets.txt"), targetLines)
                        .toAbsolutePath()
                        .toString());
        env.put("ONESTORE_INGEST_INTERVAL", real(Duration.ofMinutes(5)).toMillis() + "ms");
        env.put(
                "ONESTORE_INGEST_COVERAGE_MIN_INTERVAL",
                real(Duration.ofMinutes(1)).toMillis() + "ms");
        env.put("ONESTORE_INGEST_SCHEDULE_TICK", "1s");
        // A cycle over 10,000 targets takes minutes of real time: it holds its targets for as long (else, with an
        // interval of seconds, it would abandon them and lease them all again).
        env.put("ONESTORE_INGEST_SCHEDULE_LEASE", "15m");
        // In real time the default 4 fetches in flight make 40 calls/s at 100 ms, 14 times what 50 accounts may spend
        // (2.8 calls/s). Simulated time runs clock-rate times as fast here, and so does the budget: the ingestor
        // gets as many more fetches in flight (at most 64) so that latency, not the setting, is what it works against.
        env.put(
                "ONESTORE_INGEST_SCHEDULE_CONCURRENCY",
                System.getProperty(
                        "onestore.bench.fanout.concurrency", String.valueOf(Math.min(64, Math.round(4 * clockRate)))));
        env.put(
                "ONESTORE_INGEST_SPOOL_DIR",
                logs.resolve("spool").toAbsolutePath().toString());
        return env;
    }

    /** A simulated duration in real time. */
    private Duration real(Duration simulated) {
        return Duration.ofMillis((long) (simulated.toMillis() / clockRate));
    }

    /** The baseline: one request at a time for {@code baselineSeconds}, the accounts taken in turn. Calls/s. */
    private double sequentialLoop(String simulator) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(baselineSeconds);
        long start = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() < end) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            simulator + "/api/v1/tags/web_info/?tag_name=fanout%05d".formatted(calls % targets + 1)))
                    .header("x-ig-app-id", APP_ID)
                    .header("Authorization", "Bearer loop-token-" + (calls % accounts + 1))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the baseline loop got " + response.statusCode());
            }
            Json.MAPPER.readTree(response.body());
            calls++;
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    private record Cycle(int due, double seconds) {}

    private static final Pattern CYCLE = Pattern.compile("Ingest cycle: due=(\\d+) .*duration=(\\d+)ms");

    /**
     * Waits for the ingestor's first cycle that fetched anything and reads its report from the log: the cycle timer
     * also times cycles that skipped (contract not installed yet, leases not readable), and those are not cycles.
     */
    private static Cycle firstCycle(JavaService ingestor, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!ingestor.isAlive()) {
                throw new IllegalStateException("the ingestor exited; its log:\n" + ingestor.logTail(60));
            }
            for (String line : Files.readAllLines(ingestor.log())) {
                Matcher cycle = CYCLE.matcher(line);
                if (cycle.find() && !line.contains("skipped=") && Integer.parseInt(cycle.group(1)) > 0) {
                    return new Cycle(Integer.parseInt(cycle.group(1)), Long.parseLong(cycle.group(2)) / 1000.0);
                }
            }
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
        }
        throw new IllegalStateException("no cycle ended within " + timeout + "; the log:\n" + ingestor.logTail(60));
    }

    private static double statistic(JsonNode metric, String name) {
        for (JsonNode m : metric.path("measurements")) {
            if (m.path("statistic").asText().equals(name)) {
                return m.path("value").asDouble();
            }
        }
        return 0;
    }

    private record Calls(long ok, long tooMany, long other) {}

    /** The simulator's answers on the Instagram web endpoints so far, by status. */
    private static Calls calls(String simulator) {
        String base = simulator + "/actuator/metrics/http.server.requests";
        JsonNode all = Json.get(base).body();
        long ok = 0;
        long tooMany = 0;
        long other = 0;
        for (JsonNode tag : all.path("availableTags")) {
            if (!tag.path("tag").asText().equals("uri")) {
                continue;
            }
            for (JsonNode uri : tag.path("values")) {
                if (!uri.asText().startsWith("/api/v1")) {
                    continue;
                }
                JsonNode byUri = Json.get(base + "?tag=uri:" + uri.asText()).body();
                for (JsonNode statusTag : byUri.path("availableTags")) {
                    if (!statusTag.path("tag").asText().equals("status")) {
                        continue;
                    }
                    for (JsonNode status : statusTag.path("values")) {
                        long count = (long) statistic(
                                Json.get(base + "?tag=uri:" + uri.asText() + "&tag=status:" + status.asText())
                                        .body(),
                                "COUNT");
                        switch (status.asText()) {
                            case "200" -> ok += count;
                            case "429" -> tooMany += count;
                            default -> other += count;
                        }
                    }
                }
            }
        }
        return new Calls(ok, tooMany, other);
    }

    private record Memory(double heapMb, double heapMaxMb, double rssMb, String areas) {}

    private static final Pattern NMT_AREA = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    /**
     * The JVM's committed memory by area (native memory tracking), largest first, e.g. {@code Java Heap 150 MB, Class
     * 60 MB}; the whole summary goes to {@code target/bench/fanout-nmt.txt}.
     */
    private static String nativeMemory(Path jcmd, long pid) throws Exception {
        Process nmt = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary")
                .redirectErrorStream(true)
                .start();
        String summary = new String(nmt.getInputStream().readAllBytes());
        nmt.waitFor(60, TimeUnit.SECONDS);
        Path file = Path.of("target", "bench", "fanout-nmt.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary);
        List<Map.Entry<String, Long>> areas = new ArrayList<>();
        for (String line : summary.split("\n")) {
            Matcher area = NMT_AREA.matcher(line.trim());
            if (area.find()) {
                areas.add(Map.entry(area.group(1).trim(), Long.parseLong(area.group(2)) / 1024));
            }
        }
        areas.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(6, areas.size()); i++) {
            top.append(i == 0 ? "" : ", ")
                    .append(areas.get(i).getKey())
                    .append(' ')
                    .append(areas.get(i).getValue())
                    .append(" MB");
        }
        return top.isEmpty() ? "unknown (no native memory tracking)" : top.toString();
    }

    /** Heap after a full GC (jcmd GC.run, then the actuator's heap gauge) and the resident set from /proc. */
    private static Memory memory(JavaService ingestor) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(ingestor.pid()), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!gc.waitFor(60, TimeUnit.SECONDS)) {
            gc.destroyForcibly();
        }
        String metric = ingestor.url() + "/actuator/metrics/jvm.memory.used?tag=area:heap";
        double heap = statistic(Json.get(metric).body(), "VALUE") / 1048576.0;
        double max = statistic(
                        Json.get(ingestor.url() + "/actuator/metrics/jvm.memory.max?tag=area:heap")
                                .body(),
                        "VALUE")
                / 1048576.0;
        double rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(ingestor.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return new Memory(heap, max, rss, nativeMemory(jcmd, ingestor.pid()));
    }

    private void figure(String name, double ours, Number baseline, Double ratio, String goal, String unit) {
        ObjectNode figure = figures.addObject();
        figure.put("name", name);
        figure.put("ours", Math.round(ours * 1000) / 1000.0);
        if (baseline == null) {
            figure.putNull("baseline");
        } else {
            figure.put("baseline", Math.round(baseline.doubleValue() * 1000) / 1000.0);
        }
        if (ratio == null) {
            figure.putNull("ratio");
        } else {
            figure.put("ratio", Math.round(ratio * 100) / 100.0);
        }
        figure.put("goal", goal);
        figure.put("unit", unit);
        figure.put(
                "baseline_is",
                baseline == null
                        ? "none: the goal is absolute"
                        : "a sequential loop, one request at a time, at the same latency");
    }

    /** The run's lines as a paragraph, then the figures as a table. */
    private List<String> markdown() {
        List<String> md = new ArrayList<>();
        lines.forEach(line -> md.add("- " + line));
        md.add("");
        md.add("| figure | ours | baseline (sequential loop) | ratio | goal | unit |");
        md.add("| --- | ---: | ---: | ---: | --- | --- |");
        for (JsonNode f : figures) {
            md.add("| %s | %s | %s | %s | %s | %s |"
                    .formatted(
                            f.path("name").asText(),
                            f.path("ours").asText(),
                            f.path("baseline").isNull()
                                    ? "–"
                                    : f.path("baseline").asText(),
                            f.path("ratio").isNull() ? "–" : f.path("ratio").asText(),
                            f.path("goal").asText(),
                            f.path("unit").asText()));
        }
        return md;
    }

    private void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        lines.add(line);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
