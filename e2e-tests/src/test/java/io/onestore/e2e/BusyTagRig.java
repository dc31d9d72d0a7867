package io.onestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.process.JavaService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One busy brand tag in the simulator, its clock {@code clockRate} times as fast as real time, and one ingestor per
 * Instagram mode watching it with the default settings in simulated time (interval 5 minutes, budget window 1 hour,
 * shortest planned interval 1 minute), each under its own index prefix. What {@link CaptureCoverageE2ETest} checks
 * and {@code bench/coverage.sh} measures.
 */
final class BusyTagRig implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final String TAG = "busy";

    final double clockRate;
    final int accounts;
    final int callsPerHour = 200;
    final List<String> modes;
    final String es;
    final JavaService simulator;
    private final List<JavaService> services = new ArrayList<>();
    private final Map<String, String> prefixes = new HashMap<>();

    BusyTagRig(Class<?> owner, List<String> modes, int postsPerHour, int accounts, double clockRate) throws Exception {
        this.modes = List.copyOf(modes);
        this.accounts = accounts;
        this.clockRate = clockRate;
        es = ElasticsearchTestServer.global().url();
        String classPrefix = ElasticsearchTestServer.indexPrefix(owner);
        Path logs = Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"), owner.getSimpleName());
        Files.createDirectories(logs);
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= accounts; i++) {
            lines.append("cov-%d cov-token-%d 178414000000%05d%n".formatted(i, i, i));
        }
        Path accountsFile = Files.writeString(logs.resolve("accounts.txt"), lines.toString());
        Path targets = Files.writeString(logs.resolve("targets.txt"), "#" + TAG + "\n");

        // The world starts shortly before the simulator does: the history back-fill reads is a few hundred posts.
        Map<String, String> world = new HashMap<>();
        world.put("ONESTORE_SIMULATOR_SEED", "11");
        world.put("ONESTORE_SIMULATOR_CLOCK_RATE", String.valueOf(clockRate));
        world.put(
                "ONESTORE_SIMULATOR_ORIGIN",
                Instant.now().minus(Duration.ofMinutes(2)).toString());
        world.put("ONESTORE_SIMULATOR_WORLD_AUTHORS", "500");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_TAG", TAG);
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_HANDLE", TAG);
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_POSTS_PER_HOUR", String.valueOf(postsPerHour));
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_FOLLOWERS", "1000000");
        world.put("ONESTORE_SIMULATOR_CAMPAIGN_BRAND", "none");
        simulator = start("simulator-" + owner.getSimpleName(), "simulator", world);

        for (String mode : modes) {
            String prefix = classPrefix + mode + "-";
            prefixes.put(mode, prefix);
            Map<String, String> env = new HashMap<>();
            env.put("SPRING_ELASTICSEARCH_URIS", es);
            env.put("ONESTORE_INDEX_PREFIX", prefix);
            env.put("ONESTORE_SOURCES_INSTAGRAM_MODE", mode);
            env.put("ONESTORE_SOURCES_INSTAGRAM_BASE_URL", simulator.url());
            env.put(
                    "ONESTORE_SOURCES_INSTAGRAM_ACCOUNTS_FILE",
                    accountsFile.toAbsolutePath().toString());
            env.put("ONESTORE_SOURCES_INSTAGRAM_BUDGET_CALLS_PER_WINDOW", String.valueOf(callsPerHour));
            env.put(
                    "ONESTORE_SOURCES_INSTAGRAM_BUDGET_WINDOW",
                    real(Duration.ofHours(1)).toMillis() + "ms");
            env.put("ONESTORE_INGEST_TARGETS_FILE", targets.toAbsolutePath().toString());
            env.put("ONESTORE_INGEST_INTERVAL", real(INTERVAL).toMillis() + "ms");
            env.put(
                    "ONESTORE_INGEST_COVERAGE_MIN_INTERVAL",
                    real(Duration.ofMinutes(1)).toMillis() + "ms");
            env.put("ONESTORE_INGEST_SCHEDULE_TICK", "1s");
            // A walk of a hundred pages takes a while on a small shared machine: the cycle waits for it (the lease)
            // up to two intervals instead of one, rather than abandoning it and walking it all again.
            env.put(
                    "ONESTORE_INGEST_SCHEDULE_LEASE",
                    real(INTERVAL.multipliedBy(2)).toMillis() + "ms");
            env.put(
                    "ONESTORE_INGEST_SPOOL_DIR",
                    logs.resolve("spool-" + mode).toAbsolutePath().toString());
            start("ingestor-" + owner.getSimpleName() + "-" + mode, "ingestor-service", env);
        }
        for (JavaService service : services) {
            service.awaitHealthy(Duration.ofSeconds(180));
        }
    }

    /** A simulated duration in the ingestors' real time. */
    Duration real(Duration simulated) {
        return Duration.ofMillis((long) (simulated.toMillis() / clockRate));
    }

    private JavaService start(String name, String module, Map<String, String> env) throws Exception {
        JavaService service = JavaService.start(name, module, env, SimulatorToQueryApiE2ETest.LOGS);
        services.add(service);
        return service;
    }

    /**
     * Waits for every mode's first capture, then for {@code intervals} intervals of capture after it.
     *
     * @return each mode's high-water mark after its first capture
     */
    Map<String, Instant> captureFor(int intervals) {
        Map<String, Instant> firstMark = new HashMap<>();
        await("a first capture in every mode")
                .atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    for (String mode : modes) {
                        JsonNode ledger = ledger(mode);
                        if (ledger != null && ledger.has("high_water_mark")) {
                            firstMark.putIfAbsent(mode, mark(ledger));
                        }
                    }
                    return firstMark.size() == modes.size();
                });
        await("%d intervals of capture in every mode".formatted(intervals))
                .atMost(real(INTERVAL.multipliedBy(intervals + 4)).plusSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> modes.stream().allMatch(mode -> mark(ledger(mode))
                        .isAfter(firstMark.get(mode).plus(INTERVAL.multipliedBy(intervals)))));
        return firstMark;
    }

    /** The truth's tag answer for {@code [from, to)}, with its posts. */
    JsonNode truth(Instant from, Instant to) {
        return Json.get(simulator.url() + "/__truth/tags/" + TAG + "?from=" + from + "&to=" + to)
                .body();
    }

    /** The ids of the stored posts of the tag in {@code [from, to)}, one search per simulated minute (< 10,000). */
    Set<String> storedIds(String mode, Instant from, Instant to) {
        Set<String> ids = new HashSet<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(Duration.ofMinutes(1))) {
            Instant end = start.plus(Duration.ofMinutes(1)).isBefore(to) ? start.plus(Duration.ofMinutes(1)) : to;
            JsonNode hits = Json.post(
                            es + "/" + prefixes.get(mode) + "posts/_search",
                            "{\"size\": 10000, \"_source\": false, \"query\": {\"bool\": {\"filter\": ["
                                    + "{\"term\": {\"hashtags\": \"" + TAG + "\"}}, {\"range\": {\"published_at\":"
                                    + " {\"gte\": \"" + start + "\", \"lt\": \"" + end + "\"}}}]}}}")
                    .body()
                    .path("hits")
                    .path("hits");
            assertThat(hits.size()).as("%s: one search page per minute", mode).isLessThan(10_000);
            hits.forEach(hit -> ids.add(hit.path("_id").asText()));
        }
        return ids;
    }

    List<JsonNode> gaps(String mode) {
        List<JsonNode> gaps = new ArrayList<>();
        Json.post(es + "/" + prefixes.get(mode) + "coverage-gaps/_search", "{\"size\": 1000}")
                .body()
                .path("hits")
                .path("hits")
                .forEach(hit -> gaps.add(hit.path("_source")));
        return gaps;
    }

    static Instant mark(JsonNode ledger) {
        return Instant.parse(ledger.path("high_water_mark").path("published_at").asText());
    }

    JsonNode ledger(String mode) {
        Json.Answer answer =
                Json.get(es + "/" + prefixes.get(mode) + "target-coverage/_doc/hashtag:" + TAG + "@instagram");
        return answer.status() == 200 ? answer.body().path("_source") : null;
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }
}
