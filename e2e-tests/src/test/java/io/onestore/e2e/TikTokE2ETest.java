package io.onestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.process.JavaService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * TikTok with the real jars (docs/ingestor-tiktok.md): the simulator on the system clock with three days of history
 * plays the Research API (client tokens, video query, user info, quotas); the ingestor watches {@code #tok} and
 * {@code @tok} on TikTok only, its client secret in a file, back-filling two days. Once back-fill is done,
 * Elasticsearch holds exactly the truth's public posts of the tag from the back-fill start to the high-water mark,
 * with no dead letters, after the simulator revoked every token once mid-run (the ingestor renews on 401); the quota
 * use per target is in the metrics and in the query API's {@code spend[]} within the client's daily quotas, and the
 * query API's tag trend answers for {@code platform=tiktok}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TikTokE2ETest {

    static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Duration BACKFILL = Duration.ofDays(2);
    static final String API_KEY = "e2e-tiktok-key";

    final List<JavaService> services = new ArrayList<>();
    JavaService simulator;
    JavaService ingestor;
    JavaService queryApi;
    String es;
    String prefix;

    @BeforeAll
    void start() throws Exception {
        es = ElasticsearchTestServer.global().url();
        prefix = ElasticsearchTestServer.indexPrefix(TikTokE2ETest.class);
        Path logs = Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"), "tiktok");
        Files.createDirectories(logs);
        Path targets = Files.writeString(logs.resolve("targets.txt"), "#tok tiktok\n@tok tiktok\n");
        Path secret = Files.writeString(logs.resolve("tiktok-secret"), "e2e-secret\n");

        Map<String, String> world = new HashMap<>();
        world.put("ONESTORE_SIMULATOR_SEED", "11");
        world.put("ONESTORE_SIMULATOR_ORIGIN", STARTED.minus(Duration.ofDays(3)).toString());
        world.put("ONESTORE_SIMULATOR_WORLD_AUTHORS", "500");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_TAG", "tok");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_HANDLE", "tok");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_POSTS_PER_HOUR", "40");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_FOLLOWERS", "70000");
        world.put("ONESTORE_SIMULATOR_CAMPAIGN_BRAND", "none");
        simulator = start("simulator-tiktok", "simulator", world);

        Map<String, String> env = new HashMap<>();
        env.put("SPRING_ELASTICSEARCH_URIS", es);
        env.put("ONESTORE_INDEX_PREFIX", prefix);
        env.put("ONESTORE_SOURCES_TIKTOK_BASE_URL", simulator.url());
        env.put("ONESTORE_SOURCES_TIKTOK_CLIENT_KEY", "e2e-client");
        env.put(
                "ONESTORE_SOURCES_TIKTOK_CLIENT_SECRET_FILE",
                secret.toAbsolutePath().toString());
        env.put("ONESTORE_INGEST_TARGETS_FILE", targets.toAbsolutePath().toString());
        env.put("ONESTORE_INGEST_INTERVAL", "10s");
        env.put("ONESTORE_INGEST_COVERAGE_MIN_INTERVAL", "1s");
        env.put("ONESTORE_INGEST_SCHEDULE_TICK", "1s");
        // A first capture reads two days (yesterday, today) and back-fill pages: longer than one short interval on
        // a busy machine, and the cycle waits for it.
        env.put("ONESTORE_INGEST_SCHEDULE_LEASE", "90s");
        env.put("ONESTORE_INGEST_COVERAGE_BACKFILL_PAGES", "5");
        env.put("ONESTORE_INGEST_COVERAGE_DEFAULT_BACKFILL", BACKFILL.toHours() + "h");
        env.put(
                "ONESTORE_INGEST_SPOOL_DIR",
                logs.resolve("spool").toAbsolutePath().toString());
        ingestor = start("ingestor-tiktok", "ingestor-service", env);
        queryApi = start(
                "query-api-tiktok",
                "query-api",
                Map.of("SPRING_ELASTICSEARCH_URIS", es, "ONESTORE_INDEX_PREFIX", prefix, "ONESTORE_API_KEYS", API_KEY));
        for (JavaService service : services) {
            service.awaitHealthy(Duration.ofSeconds(240));
        }
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
    void theTagsPostsFromTheBackfillStartToTheMarkAreExactlyTheTruths() {
        await("a first TikTok capture")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> ledger() != null);
        // Every token the simulator issued is void from now on: the next query answers 401 and the client renews.
        assertThat(Json.delete(simulator.url() + "/__admin/tiktok/tokens").status())
                .isEqualTo(204);
        await("back-fill done")
                .atMost(Duration.ofSeconds(300))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> ledger().path("backfill").path("done").asBoolean());

        JsonNode ledger = ledger();
        System.out.printf("tiktok ledger: %s%n", ledger);
        Instant from = Instant.parse(ledger.path("backfill").path("start").asText());
        // The start is the first capture's time less two days, and the first capture may come minutes after STARTED.
        assertThat(from).isBetween(STARTED.minus(BACKFILL), Instant.now().minus(BACKFILL));
        assertThat(Instant.parse(ledger.path("covered_since").asText())).isBeforeOrEqualTo(from);
        assertThat(ledger.path("open_gaps").asInt()).isZero();
        Instant to = Instant.parse(
                ledger.path("high_water_mark").path("published_at").asText());
        JsonNode truth = Json.get(simulator.url() + "/__truth/tags/tok?from=" + from + "&to=" + to)
                .body();
        long stored = Json.post(
                        es + "/" + prefix + "posts/_count",
                        "{\"query\": {\"bool\": {\"filter\": [{\"term\": {\"platform\": \"tiktok\"}},"
                                + " {\"term\": {\"hashtags\": \"tok\"}}, {\"range\": {\"published_at\": {\"gte\": \""
                                + from + "\", \"lt\": \"" + to + "\"}}}]}}}")
                .body()
                .path("count")
                .asLong();
        System.out.printf(
                "tiktok #tok: %d stored, %d in the truth, [%s, %s)%n",
                stored, truth.path("public_posts").asLong(), from, to);
        assertThat(truth.path("public_posts").asLong()).isGreaterThan(1_000);
        assertThat(stored).isEqualTo(truth.path("public_posts").asLong());

        // One stored video against the truth, field by field.
        JsonNode sample = truth.path("posts").get(0);
        JsonNode post = Json.get(es + "/" + prefix + "posts/_doc/tiktok:"
                        + sample.path("tiktok_id").asText())
                .body()
                .path("_source");
        assertThat(post.path("author").path("username").asText())
                .isEqualTo(sample.path("author_username").asText());
        // A video posted a moment ago may have no like yet: the counts are there, zero or not.
        assertThat(post.path("likes").isIntegralNumber()).isTrue();
        assertThat(post.path("views").isIntegralNumber()).isTrue();
        assertThat(post.path("published_at").asText())
                .isEqualTo(sample.path("taken_at").asText());
        Json.Answer letters = Json.post(es + "/" + prefix + "deadletter/_count", "{}");
        assertThat(letters.status()).isEqualTo(200);
        assertThat(letters.body().path("count").asLong()).isZero();
    }

    @Test
    void theProfileSnapshotCarriesTheTruthsFollowersAndSpendIsVisiblePerTarget() {
        await("a TikTok profile snapshot")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> Json.post(
                                        es + "/" + prefix + "profile-snapshots/_count",
                                        "{\"query\": {\"term\": {\"platform\": \"tiktok\"}}}")
                                .body()
                                .path("count")
                                .asLong()
                        > 0);
        JsonNode snapshot = Json.post(
                        es + "/" + prefix + "profile-snapshots/_search",
                        "{\"query\": {\"term\": {\"platform\": \"tiktok\"}}, \"size\": 1}")
                .body()
                .at("/hits/hits/0/_source");
        JsonNode profile = Json.get(simulator.url() + "/__truth/profiles/tok").body();
        assertThat(snapshot.path("username").asText()).isEqualTo("tok");
        assertThat(snapshot.path("followers").asLong())
                .isEqualTo(profile.path("followers").asLong());

        String target = URLEncoder.encode("hashtag:tok", StandardCharsets.UTF_8);
        JsonNode spend = Json.get(ingestor.url() + "/actuator/metrics/onestore.source.spend?tag=target:" + target
                        + "&tag=resource:requests")
                .body();
        assertThat(spend.at("/measurements/0/value").asDouble()).isPositive();

        // Per target in the query API, from target-spend. The simulator counts quota use per client only and does not
        // expose it, so each target's figures are checked to be there and within the client's daily quotas, and both
        // targets' together too.
        await("TikTok quota use of #tok and @tok in GET /api/v1/targets/{id}")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    long requests = 0;
                    long records = 0;
                    for (String id : List.of("hashtag:tok", "profile:tok")) {
                        JsonNode tiktok = tiktokSpend(id);
                        System.out.printf("tiktok spend of %s: %s%n", id, tiktok);
                        assertThat(tiktok.path("day").asText())
                                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
                        assertThat(tiktok.at("/ceiling/requestsPerDay").asLong())
                                .isEqualTo(1_000);
                        assertThat(tiktok.at("/ceiling/recordsPerDay").asLong()).isEqualTo(100_000);
                        assertThat(tiktok.path("requestsToday").asLong()).isPositive();
                        assertThat(tiktok.path("recordsToday").asLong()).isPositive();
                        assertThat(tiktok.path("requestsThisMonth").asLong())
                                .isGreaterThanOrEqualTo(
                                        tiktok.path("requestsToday").asLong());
                        assertThat(tiktok.has("postsToday")).isFalse();
                        requests += tiktok.path("requestsToday").asLong();
                        records += tiktok.path("recordsToday").asLong();
                    }
                    assertThat(requests).as("requests of both targets today").isLessThanOrEqualTo(1_000);
                    assertThat(records).as("records of both targets today").isLessThanOrEqualTo(100_000);
                });
    }

    /** The target's TikTok entry of {@code spend[]}. */
    private JsonNode tiktokSpend(String id) {
        Json.Answer answer = Json.get(queryApi.url() + "/api/v1/targets/" + id, "X-API-Key", API_KEY);
        assertThat(answer.status()).isEqualTo(200);
        for (JsonNode entry : answer.body().path("spend")) {
            if (entry.path("platform").asText().equals("tiktok")) {
                return entry;
            }
        }
        throw new AssertionError("no TikTok spend for " + id + ": " + answer.body());
    }

    @Test
    void theTagTrendAnswersForTikTok() {
        await("posts stored")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> ledger() != null);
        Json.Answer answer = Json.get(
                queryApi.url() + "/api/v1/tags/tok/trend?platform=tiktok&interval=1d&from="
                        + STARTED.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS) + "&to="
                        + STARTED.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS),
                "X-API-Key",
                API_KEY);
        System.out.printf("tiktok trend: %s%n", answer);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().toString()).contains("tiktok");
    }

    private JsonNode ledger() {
        Json.Answer answer = Json.get(es + "/" + prefix + "target-coverage/_doc/hashtag:tok@tiktok");
        return answer.status() == 200 ? answer.body().path("_source") : null;
    }
}
