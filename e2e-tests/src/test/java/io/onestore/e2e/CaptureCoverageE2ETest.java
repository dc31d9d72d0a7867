package io.onestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Complete capture of a busy tag with the real jars (docs/coverage.md): the simulator's one brand posts 20,000 an hour
 * and its clock runs 30 times as fast as real time, so the ingestors' 10-second interval is the default 5 simulated
 * minutes; 20 accounts of 200 calls a (simulated) hour each. The web and legacy ingestors must store at least 99 % of
 * the truth's public posts of the tag between one interval after their start and their high-water mark; the graph
 * ingestor, whose {@code recent_media} shows 24 hours only, must record the older history it cannot read as an
 * {@code api_window} gap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureCoverageE2ETest {

    /** 13:00 UTC: the time-of-day factor is 1, so the tag posts about its configured 20,000 an hour. */
    static final Instant NOW = Instant.parse("2026-03-10T13:00:00Z");

    static final Instant ORIGIN = NOW.minus(Duration.ofHours(6));
    static final double CLOCK_RATE = 30;
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final List<String> MODES = List.of("web", "legacy", "graph");

    final List<ServiceProcess> services = new ArrayList<>();
    final Map<String, String> prefixes = new HashMap<>();
    ServiceProcess simulator;
    String es;

    @BeforeAll
    void start() throws Exception {
        es = ElasticsearchTestServer.global().url();
        String classPrefix = ElasticsearchTestServer.indexPrefix(CaptureCoverageE2ETest.class);
        Path logs = Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"), "coverage");
        Files.createDirectories(logs);
        StringBuilder accounts = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            accounts.append("cov-%d cov-token-%d 178414000000%05d%n".formatted(i, i, i));
        }
        Path accountsFile = Files.writeString(logs.resolve("accounts.txt"), accounts.toString());
        Path targets = Files.writeString(logs.resolve("targets.txt"), "#busy\n");

        Map<String, String> world = new HashMap<>();
        world.put("ONESTORE_SIMULATOR_SEED", "11");
        world.put("ONESTORE_SIMULATOR_FIXED_TIME", NOW.toString());
        world.put("ONESTORE_SIMULATOR_CLOCK_RATE", String.valueOf(CLOCK_RATE));
        world.put("ONESTORE_SIMULATOR_ORIGIN", ORIGIN.toString());
        world.put("ONESTORE_SIMULATOR_WORLD_AUTHORS", "500");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_TAG", "busy");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_HANDLE", "busy");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_POSTS_PER_HOUR", "20000");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_FOLLOWERS", "1000000");
        world.put("ONESTORE_SIMULATOR_CAMPAIGN_BRAND", "none");
        simulator = start("simulator-coverage", "simulator", world);

        Duration realInterval = Duration.ofMillis((long) (INTERVAL.toMillis() / CLOCK_RATE));
        Duration realHour = Duration.ofMillis((long) (Duration.ofHours(1).toMillis() / CLOCK_RATE));
        for (String mode : MODES) {
            String prefix = classPrefix + mode + "-";
            prefixes.put(mode, prefix);
            Map<String, String> env = new HashMap<>();
            env.put("SPRING_ELASTICSEARCH_URIS", es);
            env.put("ONESTORE_INDEX_PREFIX", prefix);
            env.put("ONESTORE_SOURCES_INSTAGRAM_MODE", mode);
            env.put("ONESTORE_SOURCES_INSTAGRAM_BASE_URL", simulator.url());
            env.put("ONESTORE_SOURCES_INSTAGRAM_ACCOUNTS_FILE", accountsFile.toAbsolutePath().toString());
            env.put("ONESTORE_SOURCES_INSTAGRAM_BUDGET_WINDOW", realHour.toMillis() + "ms");
            env.put("ONESTORE_INGEST_TARGETS_FILE", targets.toAbsolutePath().toString());
            env.put("ONESTORE_INGEST_INTERVAL", realInterval.toMillis() + "ms");
            env.put("ONESTORE_INGEST_SCHEDULE_TICK", "500ms");
            env.put("ONESTORE_INGEST_COVERAGE_BACKFILL_PAGES", "5");
            env.put(
                    "ONESTORE_INGEST_SPOOL_DIR",
                    logs.resolve("spool-" + mode).toAbsolutePath().toString());
            start("ingestor-coverage-" + mode, "ingestor-service", env);
        }
        for (ServiceProcess service : services) {
            service.awaitHealthy(Duration.ofSeconds(150));
        }
    }

    private ServiceProcess start(String name, String module, Map<String, String> env) throws Exception {
        ServiceProcess service = ServiceProcess.start(name, module, env);
        services.add(service);
        return service;
    }

    @AfterAll
    void stop() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    @Test
    void webAndLegacyStoreAtLeast99PercentOfTheBusyTagAndGraphRecordsWhatItCannotRead() {
        // Forty simulated minutes: eight intervals.
        Map<String, JsonNode> ledgers = new HashMap<>();
        await("eight intervals of capture in every mode")
                .atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> {
                    for (String mode : MODES) {
                        JsonNode ledger = ledger(mode);
                        if (ledger == null || !ledger.has("high_water_mark")) {
                            return false;
                        }
                        ledgers.put(mode, ledger);
                    }
                    return MODES.stream()
                            .allMatch(mode -> Instant.parse(ledgers.get(mode)
                                            .path("high_water_mark")
                                            .path("published_at")
                                            .asText())
                                    .isAfter(NOW.plus(Duration.ofMinutes(40))));
                });

        for (String mode : List.of("web", "legacy")) {
            JsonNode ledger = ledgers.get(mode);
            Instant from = NOW.plus(INTERVAL).plus(INTERVAL);
            Instant to = Instant.parse(ledger.path("high_water_mark").path("published_at").asText());
            long truth = Json.get(simulator.url() + "/__truth/tags/busy?posts=false&from=" + from + "&to=" + to)
                    .body()
                    .path("public_posts")
                    .asLong();
            long stored = count(
                    prefixes.get(mode) + "posts",
                    "{\"bool\": {\"filter\": [{\"term\": {\"hashtags\": \"busy\"}}, {\"range\": {\"published_at\":"
                            + " {\"gte\": \"" + from + "\", \"lt\": \"" + to + "\"}}}]}}");
            System.out.printf("coverage %s: %d of %d posts (%.2f %%) in [%s, %s)%n",
                    mode, stored, truth, 100.0 * stored / truth, from, to);
            assertThat(truth).as("%s: the truth's posts in the window", mode).isGreaterThan(5_000);
            assertThat((double) stored / truth).as("%s: share of the truth stored", mode).isGreaterThanOrEqualTo(0.99);
        }

        JsonNode gaps = Json.post(
                        es + "/" + prefixes.get("graph") + "coverage-gaps/_search",
                        "{\"query\": {\"term\": {\"reason\": \"api_window\"}}}")
                .body();
        assertThat(gaps.path("hits").path("hits"))
                .as("graph: the history recent_media cannot show is an api_window gap")
                .isNotEmpty();
    }

    private long count(String index, String query) {
        return Json.post(es + "/" + index + "/_count", "{\"query\": " + query + "}")
                .body()
                .path("count")
                .asLong();
    }

    private JsonNode ledger(String mode) {
        Json.Answer answer = Json.get(es + "/" + prefixes.get(mode) + "target-coverage/_doc/hashtag:busy@instagram");
        return answer.status() == 200 ? answer.body().path("_source") : null;
    }
}
