package io.onestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.process.JavaService;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The real jars against the simulator's Jetstream and the real Elasticsearch: the ingestor streaming a busy tag is
 * killed with SIGKILL mid-stream, started again, and what it stored is compared post for post with the simulator's
 * truth over the range its coverage ledger says it covers: every post of the tag is there, none twice, none its
 * author deleted. The simulator's connections also drop every few hundred events, so reconnects happen throughout.
 * The likes and reposts the stream sent of each of those posts are in its newest metrics document, each counted once
 * up to the stream position that document says, and no deleted post keeps a metrics document.
 */
class JetstreamKillE2ETest {

    static final String TAG = "burst";
    static final Path LOGS =
            Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"), "JetstreamKillE2ETest");
    static final List<JavaService> services = new ArrayList<>();

    @AfterAll
    static void stopTheStack() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    // Out of quarantine (issue 17). Its failure (1 in 5 CI runs, and 2 in 2 on a machine loaded by other builds on
    // 2026-12-01: the newest posts of the ledger's covered range "not stored", posts deleted near its end "still
    // stored") was this test's read, not the stream: its refresh was sent with a body, which Elasticsearch refuses
    // (400), so the search after it missed the last second of acknowledged writes while the ledger, read by id, was
    // current. The trace showed the posts answered 201 and their batch's cursor stored after. Json.refresh now sends
    // none and fails on a refusal (JsonTest), and every search compared here fails unless answered. On failure the
    // assertion names each differing post's time_us and deleted_us against the covered range, its dead letters and
    // what the services' logs (trace on in this test) say of it, so a CI failure carries its own evidence.
    @Test
    void aKilledIngestorResumesFromItsCursorAndLosesAndDuplicatesNothing() throws Exception {
        Files.createDirectories(LOGS);
        String es = ElasticsearchTestServer.global().url();
        String prefix = ElasticsearchTestServer.indexPrefix(JetstreamKillE2ETest.class);
        Map<String, String> world = new HashMap<>();
        world.put("ONESTORE_SIMULATOR_SEED", "17");
        world.put("ONESTORE_SIMULATOR_CLOCK_RATE", "10");
        world.put(
                "ONESTORE_SIMULATOR_ORIGIN",
                Instant.now().minus(Duration.ofMinutes(2)).toString());
        world.put("ONESTORE_SIMULATOR_WORLD_AUTHORS", "500");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_TAG", TAG);
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_HANDLE", TAG);
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_POSTS_PER_HOUR", "3600");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_FOLLOWERS", "1000000");
        world.put("ONESTORE_SIMULATOR_CAMPAIGN_BRAND", "none");
        world.put("ONESTORE_SIMULATOR_JETSTREAM_DELETE_SHARE", "0.2");
        world.put("ONESTORE_SIMULATOR_JETSTREAM_DELETE_AFTER", "2m");
        world.put("ONESTORE_SIMULATOR_JETSTREAM_DROP_EVERY", "300");
        world.put("LOGGING_LEVEL_IO_ONESTORE_SIMULATOR_BLUESKY", "DEBUG"); // each connection's cursor and chunks
        JavaService simulator = start("simulator-kill", "simulator", world);

        Path targets = Files.writeString(LOGS.resolve("targets.txt"), "#" + TAG + " bluesky\n");
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_ELASTICSEARCH_URIS", es);
        env.put("ONESTORE_INDEX_PREFIX", prefix);
        env.put("ONESTORE_INGEST_TARGETS_FILE", targets.toAbsolutePath().toString());
        env.put("ONESTORE_INGEST_INTERVAL", "10s");
        env.put("ONESTORE_INGEST_SCHEDULE_TICK", "1s");
        env.put("ONESTORE_INGEST_SPOOL_DIR", FreshSpool.at(LOGS.resolve("spool")));
        env.put("ONESTORE_SOURCES_BLUESKY_ENDPOINTS", simulator.url().replace("http", "ws") + "/subscribe");
        env.put("ONESTORE_SOURCES_BLUESKY_BATCH_INTERVAL", "200ms");
        env.put("ONESTORE_SOURCES_BLUESKY_RECONNECT_BACKOFF", "100ms");
        env.put("ONESTORE_SOURCES_BLUESKY_COVERAGE_INTERVAL", "0s");
        env.put("ONESTORE_SOURCES_BLUESKY_TARGETS_REFRESH", "1s");
        // The stream's trace (each batch: its connection, first and last time_us, the posts matched, the cursor
        // stored; each post write's answer): a failure's message quotes what it says of the differing posts.
        env.put("LOGGING_LEVEL_IO_ONESTORE_INGESTOR_SCHEDULE", "DEBUG");
        env.put("LOGGING_LEVEL_IO_ONESTORE_INGESTOR_INDEX", "DEBUG");
        JavaService first = start("ingestor-kill-1", "ingestor-service", env);

        String posts = es + "/" + prefix + "posts";
        await("posts of #" + TAG + " streamed before the kill")
                .atMost(Duration.ofMinutes(10))
                .until(() -> count(posts) >= 20);
        first.kill();
        assertThat(first.isAlive()).isFalse();
        long storedAtKill = count(posts);

        JavaService second = start("ingestor-kill-2", "ingestor-service", env);
        String ledgerUrl = es + "/" + prefix + "target-coverage/_doc/hashtag:" + TAG + "@bluesky";
        Instant restartedAt = simulatedNow(simulator);
        await("the restarted stream past the simulated time of the restart, over a range with a like in it")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    JsonNode ledger = Json.get(ledgerUrl).body().path("_source");
                    return ledger.has("last_capture_at")
                            && Instant.parse(ledger.path("last_capture_at").asText())
                                    .isAfter(restartedAt.plusSeconds(60))
                            && aLikeWithin(simulator, ledger);
                });
        second.close();

        JsonNode ledger = Json.get(ledgerUrl).body().path("_source");
        long coveredSince = micros(Instant.parse(ledger.path("covered_since").asText()));
        long coveredUntil = micros(Instant.parse(ledger.path("last_capture_at").asText()));
        assertThat(ledger.path("open_gaps").asInt())
                .as("a restart within the replay window leaves no gap")
                .isZero();

        JsonNode truth =
                Json.get(simulator.url() + "/__truth/bluesky/tags/" + TAG).body();
        long truthNow = truth.path("now_us").asLong();
        Set<String> expected = new HashSet<>();
        Set<String> ambiguous = new HashSet<>();
        Set<String> known = new HashSet<>();
        for (JsonNode post : truth.path("posts")) {
            String uri = post.path("uri").asText();
            long at = post.path("time_us").asLong();
            known.add(uri);
            if (at < coveredSince || at > coveredUntil) {
                ambiguous.add(uri); // outside what the ledger claims: the stream may or may not have read it
                continue;
            }
            JsonNode deleted = post.path("deleted_us");
            if (deleted.isNull() || deleted.isMissingNode() || deleted.asLong() > truthNow) {
                expected.add(uri);
            } else if (deleted.asLong() > coveredUntil) {
                ambiguous.add(uri); // deleted after the covered range: the stream may not have reached the delete
            }
        }
        List<String> stored = storedUris(posts);
        assertThat(stored).as("one document per post").doesNotHaveDuplicates();
        assertThat(known).as("nothing stored the simulator did not post").containsAll(stored);
        List<String> comparable =
                stored.stream().filter(uri -> !ambiguous.contains(uri)).toList();
        assertThat(expected.size())
                .as("posts from before the kill and after the restart")
                .isGreaterThan((int) storedAtKill);
        assertThat(comparable)
                .as(
                        "post for post the tag's posts over the covered range %d..%d, the deleted ones gone;"
                                + " the differing posts (uri, time_us, deleted_us): %s",
                        coveredSince,
                        coveredUntil,
                        differing(truth, comparable, expected, es + "/" + prefix + "deadletter"))
                .containsExactlyInAnyOrderElementsOf(expected);

        Map<String, JsonNode> metrics = newestMetrics(es + "/" + prefix + "post-metrics");
        assertThat(stored).as("no deleted post keeps its metrics").containsAll(metrics.keySet());
        long likesCounted = 0;
        for (JsonNode post : truth.path("posts")) {
            String uri = post.path("uri").asText();
            if (!expected.contains(uri)) {
                continue;
            }
            JsonNode counted = metrics.get(uri);
            long through = counted == null
                    ? coveredUntil
                    : Math.max(coveredUntil, counted.path("stream_through_us").asLong());
            long likes = counted == null ? 0 : counted.path("likes").asLong();
            long reposts = counted == null ? 0 : counted.path("shares").asLong();
            assertThat(likes)
                    .as("likes of %s the stream sent up to %d", uri, through)
                    .isEqualTo(upTo(post.path("likes_us"), through));
            assertThat(reposts)
                    .as("reposts of %s the stream sent up to %d", uri, through)
                    .isEqualTo(upTo(post.path("reposts_us"), through));
            likesCounted += likes;
        }
        assertThat(likesCounted).as("likes were counted at all").isPositive();
    }

    /**
     * Whether the simulator's stream sent a like of a never deleted post inside the ledger's covered range by its end: a range
     * without one cannot show that likes are counted (one run's range was that short).
     */
    private static boolean aLikeWithin(JavaService simulator, JsonNode ledger) {
        long since = micros(Instant.parse(ledger.path("covered_since").asText()));
        long until = micros(Instant.parse(ledger.path("last_capture_at").asText()));
        for (JsonNode post : Json.get(simulator.url() + "/__truth/bluesky/tags/" + TAG)
                .body()
                .path("posts")) {
            long at = post.path("time_us").asLong();
            boolean kept =
                    post.path("deleted_us").isNull() || post.path("deleted_us").isMissingNode();
            if (kept && at >= since && at <= until && upTo(post.path("likes_us"), until) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a failure's message: the truth of each post stored but not expected, or expected but not stored, with what
     * the services' logs say of it (the stream's trace is on in this test) and its dead letters: a failure in CI, whose
     * logs may be lost, carries its own evidence.
     */
    private static List<String> differing(
            JsonNode truth, List<String> stored, Set<String> expected, String deadLetters) {
        Json.refresh(deadLetters);
        List<String> differing = new ArrayList<>();
        for (JsonNode post : truth.path("posts")) {
            String uri = post.path("uri").asText();
            if (stored.contains(uri) != expected.contains(uri)) {
                String id = "bluesky:" + uri;
                long letters = Json.post(
                                deadLetters + "/_count", Map.of("query", Map.of("term", Map.of("document_id", id))))
                        .ok()
                        .body()
                        .path("count")
                        .asLong();
                differing.add(uri + " " + post.path("time_us").asText() + " "
                        + post.path("deleted_us").asText() + (stored.contains(uri) ? " stored" : " missing")
                        + ", dead letters: " + letters + ", logs: "
                        + logLines(uri.substring(uri.lastIndexOf('/') + 1)));
            }
        }
        return differing;
    }

    /**
     * The lines of the services' logs that name {@code rkey}, at most 8: each line's head (time, thread, logger) and
     * the stretch around the name (a batch's line lists all its posts).
     */
    private static List<String> logLines(String rkey) {
        List<String> lines = new ArrayList<>();
        try (var logs = Files.list(LOGS)) {
            for (Path log :
                    logs.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                for (String line : Files.readAllLines(log)) {
                    int at = line.indexOf(rkey);
                    if (at >= 0 && lines.size() < 8) {
                        lines.add(log.getFileName() + ": " + line.substring(0, Math.min(at, 130)) + " … "
                                + line.substring(Math.max(0, at - 200), Math.min(line.length(), at + 150)));
                    }
                }
            }
        } catch (IOException e) {
            lines.add("logs unreadable: " + e);
        }
        return lines;
    }

    private static long upTo(JsonNode times, long throughUs) {
        long n = 0;
        for (JsonNode time : times) {
            if (time.asLong() <= throughUs) {
                n++;
            }
        }
        return n;
    }

    /** Per post URI, the metrics document counted furthest into the stream. */
    private static Map<String, JsonNode> newestMetrics(String index) {
        Json.refresh(index);
        JsonNode hits = Json.post(
                        index + "/_search", "{\"size\":10000,\"query\":{\"exists\":{\"field\":\"stream_through_us\"}}}")
                .ok()
                .body()
                .path("hits")
                .path("hits");
        Map<String, JsonNode> newest = new HashMap<>();
        hits.forEach(hit -> newest.merge(
                hit.path("_source").path("native_id").asText(),
                hit.path("_source"),
                (a, b) -> a.path("stream_through_us").asLong()
                                >= b.path("stream_through_us").asLong()
                        ? a
                        : b));
        return newest;
    }

    private static Instant simulatedNow(JavaService simulator) {
        return Instant.parse(
                Json.get(simulator.url() + "/__truth/world").body().path("now").asText());
    }

    /** The documents of {@code index}, every acknowledged write counted; 0 while the index is not created yet. */
    private static long count(String index) {
        if (Json.get(index).status() == 404) {
            return 0;
        }
        Json.refresh(index);
        return Json.get(index + "/_count").ok().body().path("count").asLong();
    }

    private static List<String> storedUris(String index) {
        Json.refresh(index);
        JsonNode hits = Json.post(
                        index + "/_search",
                        "{\"size\":10000,\"_source\":[\"native_id\"],\"query\":{\"term\":{\"platform\":\"bluesky\"}}}")
                .ok()
                .body()
                .path("hits")
                .path("hits");
        List<String> uris = new ArrayList<>();
        hits.forEach(hit -> uris.add(hit.path("_source").path("native_id").asText()));
        return uris;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }

    private static JavaService start(String name, String module, Map<String, String> environment) throws Exception {
        JavaService service = JavaService.start(name, module, environment, LOGS);
        services.add(service);
        return service.awaitHealthy(Duration.ofMinutes(10));
    }
}
