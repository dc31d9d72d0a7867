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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * X with the real jars (docs/ingestor-x.md): the simulator (seed 42, clock pinned at {@link #NOW}) plays the X API
 * v2; the ingestor watches {@code #nike} and {@code @nike} on X only with two bearer tokens. The clock stands still,
 * so the first walk of {@code #nike} reads one page, the 100 newest public posts of the last 7 days (by id, as X
 * pages), and every later walk sends that mark as {@code since_id} and finds nothing newer. Elasticsearch then holds
 * exactly those posts with the truth's counts; the tag snapshot's count is the truth's 7-day total; the tag's hourly
 * volume is the truth's, hour by hour, in Elasticsearch and through the query API; the profile is
 * {@code @nike}'s; and what was bought is exactly that, however many captures ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XE2ETest {

    static final Instant ORIGIN = SimulatorToQueryApiE2ETest.ORIGIN;
    static final Instant NOW = SimulatorToQueryApiE2ETest.NOW;
    static final String API_KEY = "e2e-x-key";

    final List<JavaService> services = new ArrayList<>();
    JavaService simulator;
    JavaService ingestor;
    JavaService queryApi;
    String es;
    String prefix;

    @BeforeAll
    void start() throws Exception {
        es = ElasticsearchTestServer.global().url();
        prefix = ElasticsearchTestServer.indexPrefix(XE2ETest.class);
        Path logs = Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"), "x");
        Files.createDirectories(logs);
        Path tokens = Files.writeString(logs.resolve("x-tokens.txt"), "e2e-x-1 e2e-x-token-1\n");
        Path targets = Files.writeString(logs.resolve("targets.txt"), "#nike x\n@nike x\n");

        simulator = start(
                "simulator-x",
                "simulator",
                Map.of(
                        "ONESTORE_SIMULATOR_SEED", "42",
                        "ONESTORE_SIMULATOR_FIXED_TIME", NOW.toString(),
                        "ONESTORE_SIMULATOR_ORIGIN", ORIGIN.toString()));
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_ELASTICSEARCH_URIS", es);
        env.put("ONESTORE_INDEX_PREFIX", prefix);
        env.put("ONESTORE_SOURCES_X_ENABLED", "true");
        env.put("ONESTORE_SOURCES_X_BASE_URL", simulator.url());
        // One token from the file, one from the environment: both join the pool.
        env.put("ONESTORE_SOURCES_X_ACCOUNTS_FILE", tokens.toAbsolutePath().toString());
        env.put("ONESTORE_SOURCES_X_BEARER_TOKEN", "e2e-x-env-token");
        env.put("ONESTORE_INGEST_TARGETS_FILE", targets.toAbsolutePath().toString());
        env.put("ONESTORE_INGEST_INTERVAL", "10s");
        env.put("ONESTORE_INGEST_COVERAGE_MIN_INTERVAL", "1s");
        env.put("ONESTORE_INGEST_SCHEDULE_TICK", "1s");
        // Long enough that a slow first walk on a loaded machine is not abandoned and bought again, which would be
        // right but spoil the spend check.
        env.put("ONESTORE_INGEST_SCHEDULE_LEASE", "2m");
        env.put(
                "ONESTORE_INGEST_SPOOL_DIR",
                logs.resolve("spool").toAbsolutePath().toString());
        ingestor = start("ingestor-x", "ingestor-service", env);
        queryApi = start(
                "query-api-x",
                "query-api",
                Map.of("SPRING_ELASTICSEARCH_URIS", es, "ONESTORE_INDEX_PREFIX", prefix, "ONESTORE_API_KEYS", API_KEY));
        for (JavaService service : services) {
            service.awaitHealthy(Duration.ofSeconds(300));
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
    void theIngestorStoresExactlyWhatTheSimulatorsXShowsAndBuysItOnce() {
        // On a loaded machine the ingestor installs its indices and reads its first 100 posts and their authors
        // minutes after it reports healthy.
        await("X posts, tag snapshot and profile snapshot")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    assertThat(count("posts", xOnly())).isEqualTo(100);
                    assertThat(count("tag-snapshots", xOnly())).isPositive();
                    assertThat(count("profile-snapshots", xOnly())).isPositive();
                    assertThat(count("tag-volume", xOnly())).isEqualTo(168);
                });
        // Two more captures of #nike after the first (each a counts call and one search): nothing new, nothing bought
        // twice.
        await("three captures of #nike on X")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> ledger().path("calls_spent").asLong() >= 6);
        assertThat(count("posts", xOnly())).isEqualTo(100);

        JsonNode truth = Json.get(simulator.url() + "/__truth/tags/nike?from=" + NOW.minus(Duration.ofDays(7)) + "&to="
                        + NOW.plusSeconds(1))
                .body();
        Map<String, JsonNode> expected = new HashMap<>();
        List<JsonNode> truePosts = new ArrayList<>();
        truth.get("posts").forEach(truePosts::add);
        truePosts.stream()
                .sorted(Comparator.comparing(
                                (JsonNode p) -> Long.parseLong(p.get("x_id").asText()))
                        .reversed())
                .limit(100)
                .forEach(p -> expected.put(p.get("x_id").asText(), p));

        List<JsonNode> stored = search("posts", xOnly(), 1000);
        Set<String> storedIds =
                stored.stream().map(p -> p.get("native_id").asText()).collect(Collectors.toSet());
        assertThat(storedIds).as("the 100 newest #nike posts on X").isEqualTo(expected.keySet());
        Map<String, Long> followersByAuthor = new HashMap<>();
        for (JsonNode post : stored) {
            JsonNode truePost = expected.get(post.get("native_id").asText());
            assertThat(post.get("likes").asLong())
                    .as("likes")
                    .isEqualTo(truePost.get("likes").asLong());
            assertThat(post.get("comments").asLong())
                    .as("replies")
                    .isEqualTo(truePost.get("comments").asLong());
            assertThat(post.at("/author/username").asText())
                    .isEqualTo(truePost.get("author_username").asText());
            assertThat(post.get("hashtags").toString()).contains("\"nike\"");
            followersByAuthor.put(
                    post.at("/author/id").asText(), post.at("/author/followers").asLong());
        }
        assertThat(followersByAuthor.values())
                .as("X sends follower counts with every author")
                .allMatch(f -> f > 0);

        JsonNode snapshot = search("tag-snapshots", xOnly(), 1).get(0);
        assertThat(snapshot.get("media_count").asLong())
                .as("#nike's 7-day count on X")
                .isEqualTo(truth.get("public_posts").asLong());

        hourlyVolumeIsTheTruthsHourByHour();

        JsonNode profile = search("profile-snapshots", xOnly(), 1).get(0);
        JsonNode profileTruth =
                Json.get(simulator.url() + "/__truth/profiles/nike").body();
        assertThat(profile.get("followers").asLong())
                .isEqualTo(profileTruth.get("followers").asLong());

        JsonNode health = Json.get(ingestor.url() + "/actuator/health/x").body();
        JsonNode nike = health.at("/components/xSpend/details/targets/hashtag:nike");
        assertThat(nike.get("posts").asLong())
                .as("posts bought: the first page, nothing twice")
                .isEqualTo(100);
        assertThat(nike.get("users").asLong()).isEqualTo(followersByAuthor.size());
        assertThat(health.at("/components/xAccounts/status").asText()).isEqualTo("UP");
        assertThat(health.toString())
                .as("both tokens pooled, neither shown")
                .contains("e2e-x-1", "\"env\"")
                .doesNotContain("e2e-x-token-1", "e2e-x-env-token");

        // The same spend through the query API, from what the ingestor recorded in target-spend.
        await("the spend of #nike in GET /api/v1/targets/{id}")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonNode target = Json.get(queryApi.url() + "/api/v1/targets/hashtag:nike", "X-API-Key", API_KEY)
                            .body();
                    JsonNode spend = target.at("/spend/0");
                    assertThat(spend.path("platform").asText()).isEqualTo("x");
                    assertThat(spend.path("postsToday").asLong()).isEqualTo(100);
                    assertThat(spend.path("usersToday").asLong()).isEqualTo(followersByAuthor.size());
                    assertThat(spend.path("postsThisMonth").asLong()).isEqualTo(100);
                    // One counts request per capture, and captures go on while this waits.
                    assertThat(spend.path("countRequestsToday").asLong())
                            .isGreaterThanOrEqualTo(nike.get("count_requests").asLong());
                    assertThat(spend.at("/ceiling/postsPerTargetPerDay").asLong())
                            .isEqualTo(2_000);
                });
    }

    /**
     * The counts answer covers the 7 days before {@link #NOW} (18:30): its first bucket, from 18:30 seven days ago, is
     * a part of an hour and stored as none; the 167 whole hours after it are stored as counted; the hour open at NOW
     * is stored with what it held at NOW. Each equals the simulator's truth for its hour, and the query API answers
     * the same series, with the hour never counted as a gap, not a zero.
     */
    private void hourlyVolumeIsTheTruthsHourByHour() {
        Instant firstWhole = NOW.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(30));
        Instant open = NOW.minus(Duration.ofMinutes(30));
        List<JsonNode> hours = search("tag-volume", "{\"term\": {\"tag\": \"nike\"}}", 1000);
        assertThat(hours).as("167 whole hours and the open one").hasSize(168);
        Map<String, Long> stored = new HashMap<>();
        for (JsonNode hour : hours) {
            Instant start = Instant.parse(hour.get("bucket_start").asText());
            assertThat(start).isBetween(firstWhole, open);
            assertThat(hour.get("complete").asBoolean()).as(start.toString()).isEqualTo(start.isBefore(open));
            stored.put(start.toString(), hour.get("post_count").asLong());
        }
        long total = 0;
        for (Instant start = firstWhole; !start.isAfter(open); start = start.plus(Duration.ofHours(1))) {
            Instant end = start.equals(open) ? NOW.plusSeconds(1) : start.plus(Duration.ofHours(1));
            long truth = Json.get(simulator.url() + "/__truth/tags/nike?posts=false&from=" + start + "&to=" + end)
                    .body()
                    .get("public_posts")
                    .asLong();
            assertThat(stored.get(start.toString()))
                    .as("#nike's posts in the hour from " + start)
                    .isEqualTo(truth);
            total += truth;
        }

        JsonNode volume = Json.get(
                        queryApi.url() + "/api/v1/tags/nike/volume?platform=x&interval=1h&from="
                                + NOW.minus(Duration.ofDays(7)) + "&to=" + NOW,
                        "X-API-Key",
                        API_KEY)
                .body();
        assertThat(volume.get("total").asLong()).isEqualTo(total);
        assertThat(volume.get("points")).hasSize(169);
        assertThat(volume.at("/points/0/posts").isNull())
                .as("the hour never counted is no zero")
                .isTrue();
        assertThat(volume.at("/points/1/posts").asLong()).isEqualTo(stored.get(firstWhole.toString()));
        assertThat(volume.at("/coverage/complete").asBoolean()).isFalse();
        JsonNode gaps = volume.at("/coverage/targets/0/gaps");
        assertThat(gaps.get(0).get("from").asText())
                .isEqualTo(firstWhole.minus(Duration.ofHours(1)).toString());
        assertThat(gaps.get(0).get("to").asText()).isEqualTo(firstWhole.toString());
        assertThat(gaps.get(0).get("reason").asText()).isEqualTo("not_counted");
    }

    private JsonNode ledger() {
        Json.Answer answer = Json.get(es + "/" + prefix + "target-coverage/_doc/hashtag:nike@x");
        return answer.status() == 200 ? answer.body().path("_source") : Json.MAPPER.createObjectNode();
    }

    private static String xOnly() {
        return "{\"term\": {\"platform\": \"x\"}}";
    }

    private long count(String index, String query) {
        return new Indices(es, prefix).count(index, query);
    }

    private List<JsonNode> search(String index, String query, int size) {
        return new Indices(es, prefix).search(index, query, size);
    }
}
