package io.onestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.process.JavaService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Back-fill with the real jars (docs/coverage.md): the simulator runs on the system clock with five days of history;
 * the web ingestor watches {@code #camp}, the tag of a campaign that started three days ago with one baseline day, and
 * {@code #file} from its targets file with a one-day default back-fill. Once back-fill is done, Elasticsearch holds the
 * truth's public posts of each tag from its back-fill start on, within 1 %.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillE2ETest {

    static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant CAMPAIGN_START = STARTED.minus(Duration.ofDays(3));
    static final int BASELINE_DAYS = 1;
    static final Duration FILE_BACKFILL = Duration.ofDays(1);

    final List<JavaService> services = new ArrayList<>();
    JavaService simulator;
    String es;
    String prefix;

    @BeforeAll
    void start() throws Exception {
        es = ElasticsearchTestServer.global().url();
        prefix = ElasticsearchTestServer.indexPrefix(BackfillE2ETest.class);
        Path logs = Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"), "backfill");
        Files.createDirectories(logs);
        StringBuilder accounts = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            accounts.append("bf-%d bf-token-%d%n".formatted(i, i));
        }
        Path accountsFile = Files.writeString(logs.resolve("accounts.txt"), accounts.toString());
        Path targets = Files.writeString(logs.resolve("targets.txt"), "#file\n");

        Map<String, String> world = new HashMap<>();
        world.put("ONESTORE_SIMULATOR_SEED", "5");
        world.put("ONESTORE_SIMULATOR_ORIGIN", STARTED.minus(Duration.ofDays(5)).toString());
        world.put("ONESTORE_SIMULATOR_WORLD_AUTHORS", "500");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_TAG", "camp");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_HANDLE", "camp");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_POSTS_PER_HOUR", "100");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_FOLLOWERS", "100000");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_TAG", "file");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_HANDLE", "file");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_POSTS_PER_HOUR", "60");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_FOLLOWERS", "50000");
        world.put("ONESTORE_SIMULATOR_CAMPAIGN_BRAND", "none");
        simulator = start("simulator-backfill", "simulator", world);

        Map<String, String> env = new HashMap<>();
        env.put("SPRING_ELASTICSEARCH_URIS", es);
        env.put("ONESTORE_INDEX_PREFIX", prefix);
        env.put("ONESTORE_SOURCES_INSTAGRAM_MODE", "web");
        env.put("ONESTORE_SOURCES_INSTAGRAM_BASE_URL", simulator.url());
        env.put(
                "ONESTORE_SOURCES_INSTAGRAM_ACCOUNTS_FILE",
                accountsFile.toAbsolutePath().toString());
        env.put("ONESTORE_INGEST_TARGETS_FILE", targets.toAbsolutePath().toString());
        env.put("ONESTORE_INGEST_INTERVAL", "10s");
        env.put("ONESTORE_INGEST_COVERAGE_MIN_INTERVAL", "1s");
        env.put("ONESTORE_INGEST_SCHEDULE_TICK", "1s");
        // Sixty pages of back-fill take longer than one short interval here: the cycle waits for them.
        env.put("ONESTORE_INGEST_SCHEDULE_LEASE", "90s");
        env.put("ONESTORE_INGEST_COVERAGE_BACKFILL_PAGES", "60");
        env.put("ONESTORE_INGEST_COVERAGE_DEFAULT_BACKFILL", FILE_BACKFILL.toHours() + "h");
        env.put(
                "ONESTORE_INGEST_SPOOL_DIR",
                logs.resolve("spool").toAbsolutePath().toString());
        start("ingestor-backfill", "ingestor-service", env).awaitHealthy(Duration.ofSeconds(180));
        simulator.awaitHealthy(Duration.ofSeconds(180));

        // Healthy is not installed: writing before the ingestor's aliases exist would create plain indices instead.
        await("the ingestor's index contract")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Json.get(es + "/_alias/" + prefix + "targets").status() == 200
                        && Json.get(es + "/_alias/" + prefix + "campaigns").status() == 200);
        // The campaign as the query API stores it: its document, and its hashtag's target naming it.
        Json.Answer campaign = Json.post(
                es + "/" + prefix + "campaigns/_doc/c-backfill?refresh=true",
                Map.of(
                        "id", "c-backfill",
                        "name", "back-fill",
                        "hashtags", List.of("camp"),
                        "handles", List.of(),
                        "platforms", List.of("instagram"),
                        "start", CAMPAIGN_START.toString(),
                        "baseline_days", BASELINE_DAYS,
                        "after_days", 0,
                        "created_at", STARTED.toString()));
        assertThat(campaign.status()).as("campaign stored: %s", campaign.body()).isIn(200, 201);
        Json.Answer target = Json.post(
                es + "/" + prefix + "targets/_doc/hashtag:camp?refresh=true",
                Map.of(
                        "kind", "hashtag",
                        "value", "camp",
                        "platforms", List.of("instagram"),
                        "campaign_ids", List.of("c-backfill"),
                        "created_at", STARTED.toString(),
                        "updated_at", STARTED.toString()));
        assertThat(target.status()).as("target stored: %s", target.body()).isIn(200, 201);
    }

    private JavaService start(String name, String module, Map<String, String> env) throws Exception {
        JavaService service = JavaService.start(name, module, env, SimulatorToQueryApiE2ETest.LOGS);
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
    void afterBackfillTheCampaignsBaselineAndTheFileTargetsDayHoldTheTruthsPosts() {
        Map<String, Instant> starts = Map.of(
                "camp", CAMPAIGN_START.minus(Duration.ofDays(BASELINE_DAYS)), "file", STARTED.minus(FILE_BACKFILL));
        await("back-fill of both tags done")
                .atMost(Duration.ofSeconds(300))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> starts.keySet().stream().allMatch(tag -> {
                    JsonNode ledger = ledger(tag);
                    return ledger != null
                            && ledger.path("backfill").path("done").asBoolean();
                }));

        for (Map.Entry<String, Instant> entry : starts.entrySet()) {
            String tag = entry.getKey();
            JsonNode ledger = ledger(tag);
            System.out.printf("back-fill %s: %s%n", tag, ledger);
            // The file target's start is its first capture less one day: a little after STARTED less one day.
            Instant from = Instant.parse(ledger.path("backfill").path("start").asText());
            assertThat(from)
                    .as("%s: back-fill start", tag)
                    .isBetween(entry.getValue(), entry.getValue().plusSeconds(300));
            assertThat(Instant.parse(ledger.path("covered_since").asText()))
                    .as("%s: covered since the back-fill start", tag)
                    .isBeforeOrEqualTo(from);
            Instant to = Instant.parse(
                    ledger.path("high_water_mark").path("published_at").asText());
            long truth = Json.get(simulator.url() + "/__truth/tags/" + tag + "?posts=false&from=" + from + "&to=" + to)
                    .body()
                    .path("public_posts")
                    .asLong();
            long stored = Json.post(
                            es + "/" + prefix + "posts/_count",
                            "{\"query\": {\"bool\": {\"filter\": [{\"term\": {\"hashtags\": \"" + tag + "\"}},"
                                    + " {\"range\": {\"published_at\": {\"gte\": \"" + from + "\", \"lt\": \"" + to
                                    + "\"}}}]}}}")
                    .body()
                    .path("count")
                    .asLong();
            System.out.printf("back-fill %s: %d of %d posts in [%s, %s)%n", tag, stored, truth, from, to);
            assertThat(truth).as("%s: the truth's posts", tag).isGreaterThan(1_000);
            assertThat((double) stored).as("%s: posts stored", tag).isCloseTo(truth, within(truth * 0.01));
        }
    }

    private JsonNode ledger(String tag) {
        Json.Answer answer = Json.get(es + "/" + prefix + "target-coverage/_doc/hashtag:" + tag + "@instagram");
        return answer.status() == 200 ? answer.body().path("_source") : null;
    }
}
