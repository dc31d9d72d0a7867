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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bluesky profiles with the real jars: the simulator streams a small busy world (its clock 10× real time, a fifth of
 * the posts deleted after two minutes) and serves the AppView; the ingestor watches one author by handle, resolved
 * to its DID over {@code resolveHandle}, another by DID, and a hashtag. Over the range each profile's coverage ledger
 * claims, the posts stored with the author's DID are exactly the simulator's posts of that author, deletions gone
 * (quarantined with issue 17's open ledger fault, see below; meanwhile every stored post of theirs is theirs, some
 * matched by DID alone); each profile snapshot's follower count is the simulator's, for the watched profiles
 * ({@code getProfile}) and for the hashtag's authors enriched with {@code getProfiles}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlueskyProfileE2ETest {

    static final String TAG = "trail";
    static final Path LOGS =
            Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"), "BlueskyProfileE2ETest");
    final List<JavaService> services = new ArrayList<>();
    JavaService simulator;
    List<JsonNode> watched;
    String es;
    String prefix;
    String handleLedger;
    String didLedger;

    @AfterAll
    void stopTheStack() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    /** The stack runs until both profiles are covered for five simulated minutes and some authors are enriched. */
    @BeforeAll
    void streamTwoProfilesAndAHashtag() throws Exception {
        Files.createDirectories(LOGS);
        es = ElasticsearchTestServer.global().url();
        prefix = ElasticsearchTestServer.indexPrefix(BlueskyProfileE2ETest.class);
        Map<String, String> world = new HashMap<>();
        world.put("ONESTORE_SIMULATOR_SEED", "23");
        world.put("ONESTORE_SIMULATOR_CLOCK_RATE", "10");
        world.put(
                "ONESTORE_SIMULATOR_ORIGIN",
                Instant.now().minus(Duration.ofMinutes(2)).toString());
        // Few authors, many posts: each author posts every few simulated minutes.
        world.put("ONESTORE_SIMULATOR_WORLD_AUTHORS", "40");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_TAG", TAG);
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_HANDLE", TAG);
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_POSTS_PER_HOUR", "1800");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_0_FOLLOWERS", "1000000");
        // Posts of a second, unwatched tag: a watched author's #road posts are found by author alone.
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_TAG", "road");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_HANDLE", "road");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_POSTS_PER_HOUR", "1800");
        world.put("ONESTORE_SIMULATOR_WORLD_BRANDS_1_FOLLOWERS", "500000");
        world.put("ONESTORE_SIMULATOR_CAMPAIGN_BRAND", "none");
        world.put("ONESTORE_SIMULATOR_JETSTREAM_DELETE_SHARE", "0.2");
        world.put("ONESTORE_SIMULATOR_JETSTREAM_DELETE_AFTER", "2m");
        simulator = start("simulator-profiles", "simulator", world);

        watched = publicAuthors(simulator, 2);
        String handle = watched.get(0).path("handle").asText();
        String did = watched.get(1).path("did").asText();
        Path targets = Files.writeString(
                LOGS.resolve("targets.txt"), "#" + TAG + " bluesky\n@" + handle + " bluesky\n" + did + " bluesky\n");
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_ELASTICSEARCH_URIS", es);
        env.put("ONESTORE_INDEX_PREFIX", prefix);
        env.put("ONESTORE_INGEST_TARGETS_FILE", targets.toAbsolutePath().toString());
        env.put("ONESTORE_INGEST_INTERVAL", "10s");
        env.put("ONESTORE_INGEST_SCHEDULE_TICK", "1s");
        env.put("ONESTORE_INGEST_SPOOL_DIR", FreshSpool.at(LOGS.resolve("spool")));
        env.put("ONESTORE_SOURCES_BLUESKY_ENDPOINTS", simulator.url().replace("http", "ws") + "/subscribe");
        env.put("ONESTORE_SOURCES_BLUESKY_APPVIEW_URL", simulator.url());
        env.put("ONESTORE_SOURCES_BLUESKY_BATCH_INTERVAL", "200ms");
        env.put("ONESTORE_SOURCES_BLUESKY_COVERAGE_INTERVAL", "0s");
        env.put("ONESTORE_SOURCES_BLUESKY_TARGETS_REFRESH", "1s");
        JavaService ingestor = start("ingestor-profiles", "ingestor-service", env);

        handleLedger = es + "/" + prefix + "target-coverage/_doc/profile:" + handle + "@bluesky";
        didLedger = es + "/" + prefix + "target-coverage/_doc/profile:" + did + "@bluesky";
        Instant startedAt = simulatedNow(simulator);
        await("both profiles streamed for five simulated minutes")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> coveredPast(handleLedger, startedAt.plus(Duration.ofMinutes(5)))
                        && coveredPast(didLedger, startedAt.plus(Duration.ofMinutes(5))));
        // Authors post at uneven rates: a quiet one may have written nothing in five simulated minutes, and the checks
        // below need posts of each watched author to compare, so the stream runs until each has one stored.
        String posts = es + "/" + prefix + "posts";
        await("a post of each watched author stored")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> watched.stream().allMatch(author -> storedUris(posts, new HashMap<>()).stream()
                        .anyMatch(uri ->
                                uri.startsWith("at://" + author.path("did").asText() + "/"))));
        // The post-for-post check compares each author's posts inside its ledger's covered range, so the stream runs
        // until each range holds a post of its author that is never deleted (a quiet author may have none in five
        // simulated minutes) and, between them, one without the watched tag (found by its author alone).
        await("a kept post of each watched author inside its covered range, one of them without the tag")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .until(this::eachRangeHoldsAKeptPost);
        await("the hashtag's authors enriched")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> snapshots(es + "/" + prefix + "profile-snapshots").size() > 2);
        ingestor.close();
    }

    @Test
    void everySnapshotsFollowersAreTheSimulatorsForTheWatchedProfilesAndTheEnrichedAuthors() {
        Map<String, Long> followers = snapshots(es + "/" + prefix + "profile-snapshots");
        for (JsonNode author : watched) {
            assertThat(followers.get(author.path("did").asText()))
                    .as("the watched profile's followers")
                    .isEqualTo(author.path("followers").asLong());
        }
        assertThat(followers.size()).as("the hashtag's authors too").isGreaterThan(watched.size());
        for (Map.Entry<String, Long> snapshot : followers.entrySet()) {
            JsonNode truth = Json.get(simulator.url() + "/__truth/bluesky/profiles/" + snapshot.getKey())
                    .body();
            assertThat(snapshot.getValue())
                    .as("followers of %s", snapshot.getKey())
                    .isEqualTo(truth.path("followers").asLong());
        }
    }

    @Test
    void theWatchedAuthorsPostsAreMatchedByDidWithOrWithoutTheTagAndAreAllTheirs() {
        Map<String, JsonNode> hashtags = new HashMap<>();
        List<String> stored = storedUris(es + "/" + prefix + "posts", hashtags);
        assertThat(stored).as("one document per post").doesNotHaveDuplicates();
        int withoutTag = 0;
        for (JsonNode author : watched) {
            String did = author.path("did").asText();
            Set<String> theirs = new HashSet<>();
            Json.get(simulator.url() + "/__truth/bluesky/profiles/" + did)
                    .body()
                    .path("posts")
                    .forEach(p -> theirs.add(p.path("uri").asText()));
            List<String> ofAuthor = stored.stream()
                    .filter(uri -> uri.startsWith("at://" + did + "/"))
                    .toList();
            assertThat(ofAuthor).as("posts of %s stored", did).isNotEmpty();
            assertThat(theirs)
                    .as("every stored post of %s is one it wrote", did)
                    .containsAll(ofAuthor);
            withoutTag += (int) ofAuthor.stream()
                    .filter(uri -> !hashtags.get(uri).toString().contains("\"" + TAG + "\""))
                    .count();
        }
        assertThat(withoutTag)
                .as("posts without the watched tag, matched by their author's DID alone")
                .isPositive();
    }

    // Out of quarantine (issue 17). Its first run found the newest of a watched author's posts inside the covered
    // range not stored: the same refused refresh as JetstreamKillE2ETest's (its search missed the last second of
    // acknowledged writes; Json.refresh now fails on a refusal). A later failure was a run too short for a quiet author
    // (no post of theirs inside the range, the truth none either): the set-up waits until each author's range holds a
    // post of theirs that is never deleted, and one of them a post without the tag.
    @Test
    void aWatchedProfilesPostsAreTheSimulatorsOverItsCoveredRange() {

        Map<String, JsonNode> hashtags = new HashMap<>();
        List<String> stored = storedUris(es + "/" + prefix + "posts", hashtags);
        assertThat(stored).as("one document per post").doesNotHaveDuplicates();
        int byAuthorOnly = 0;
        int compared = 0;
        for (JsonNode author : watched) {
            String ledgerUrl = author == watched.get(0) ? handleLedger : didLedger;
            JsonNode ledger = Json.get(ledgerUrl).body().path("_source");
            long since = micros(Instant.parse(ledger.path("covered_since").asText()));
            long until = micros(Instant.parse(ledger.path("last_capture_at").asText()));
            String authorDid = author.path("did").asText();
            JsonNode truth = Json.get(simulator.url() + "/__truth/bluesky/profiles/" + authorDid)
                    .body();
            long truthNow = truth.path("now_us").asLong();
            Set<String> expected = new HashSet<>();
            Set<String> ambiguous = new HashSet<>();
            for (JsonNode post : truth.path("posts")) {
                String uri = post.path("uri").asText();
                long at = post.path("time_us").asLong();
                JsonNode deleted = post.path("deleted_us");
                boolean gone = !deleted.isNull() && !deleted.isMissingNode() && deleted.asLong() <= truthNow;
                if (at < since || at > until || (gone && deleted.asLong() > until)) {
                    ambiguous.add(uri); // outside what the ledger claims, or deleted after it
                } else if (!gone) {
                    expected.add(uri);
                }
            }
            List<String> ofAuthor = stored.stream()
                    .filter(uri -> uri.startsWith("at://" + authorDid + "/"))
                    .filter(uri -> !ambiguous.contains(uri))
                    .toList();
            assertThat(expected)
                    .as("posts of %s in its covered range", authorDid)
                    .isNotEmpty();
            assertThat(ofAuthor)
                    .as("post for post the author's posts over the covered range, the deleted ones gone")
                    .containsExactlyInAnyOrderElementsOf(expected);
            compared += expected.size();
            byAuthorOnly += (int) ofAuthor.stream()
                    .filter(uri -> !hashtags.get(uri).toString().contains("\"" + TAG + "\""))
                    .count();
        }
        assertThat(compared).isPositive();
        assertThat(byAuthorOnly)
                .as("posts without the watched tag, matched by their author's DID")
                .isPositive();
    }

    /**
     * Whether each watched author's ledger range holds one of its posts the simulator never deletes, and one of them
     * is without the watched tag.
     */
    private boolean eachRangeHoldsAKeptPost() {
        Set<String> tagged = new HashSet<>();
        Json.get(simulator.url() + "/__truth/bluesky/tags/" + TAG)
                .body()
                .path("posts")
                .forEach(p -> tagged.add(p.path("uri").asText()));
        boolean untagged = false;
        for (JsonNode author : watched) {
            JsonNode ledger = Json.get(author == watched.get(0) ? handleLedger : didLedger)
                    .body()
                    .path("_source");
            if (!ledger.has("covered_since") || !ledger.has("last_capture_at")) {
                return false;
            }
            long since = micros(Instant.parse(ledger.path("covered_since").asText()));
            long until = micros(Instant.parse(ledger.path("last_capture_at").asText()));
            boolean kept = false;
            for (JsonNode post : Json.get(simulator.url() + "/__truth/bluesky/profiles/"
                            + author.path("did").asText())
                    .body()
                    .path("posts")) {
                long at = post.path("time_us").asLong();
                JsonNode deleted = post.path("deleted_us");
                if (at >= since && at <= until && (deleted.isNull() || deleted.isMissingNode())) {
                    kept = true;
                    untagged |= !tagged.contains(post.path("uri").asText());
                }
            }
            if (!kept) {
                return false;
            }
        }
        return untagged;
    }

    /** The first {@code n} public ordinary authors (their posts are on the stream), by DID, with their truth. */
    private static List<JsonNode> publicAuthors(JavaService simulator, int n) {
        List<JsonNode> found = new ArrayList<>();
        for (int index = 5; found.size() < n; index++) {
            String did = "did:plc:onestore" + Long.toString(100_000 + index, 32);
            JsonNode truth = Json.get(simulator.url() + "/__truth/bluesky/profiles/" + did)
                    .body();
            if (!truth.path("is_private").asBoolean()) {
                found.add(truth);
            }
        }
        return found;
    }

    private static boolean coveredPast(String ledgerUrl, Instant at) {
        JsonNode ledger = Json.get(ledgerUrl).body().path("_source");
        return ledger.has("last_capture_at")
                && Instant.parse(ledger.path("last_capture_at").asText()).isAfter(at);
    }

    /** Bluesky profile snapshots: the newest follower count per DID. */
    private static Map<String, Long> snapshots(String index) {
        Json.refresh(index);
        JsonNode hits = Json.post(
                        index + "/_search",
                        "{\"size\":10000,\"query\":{\"term\":{\"platform\":\"bluesky\"}},"
                                + "\"sort\":[{\"captured_at\":\"asc\"}]}")
                .ok()
                .body()
                .path("hits")
                .path("hits");
        Map<String, Long> followers = new HashMap<>();
        hits.forEach(hit -> followers.put(
                hit.path("_source").path("user_id").asText(),
                hit.path("_source").path("followers").asLong()));
        return followers;
    }

    private static Instant simulatedNow(JavaService simulator) {
        return Instant.parse(
                Json.get(simulator.url() + "/__truth/world").body().path("now").asText());
    }

    /** The stored Bluesky posts' URIs; {@code hashtags} gets each one's hashtags. */
    private static List<String> storedUris(String index, Map<String, JsonNode> hashtags) {
        Json.refresh(index);
        JsonNode hits = Json.post(
                        index + "/_search",
                        "{\"size\":10000,\"_source\":[\"native_id\",\"hashtags\"],"
                                + "\"query\":{\"term\":{\"platform\":\"bluesky\"}}}")
                .ok()
                .body()
                .path("hits")
                .path("hits");
        List<String> uris = new ArrayList<>();
        hits.forEach(hit -> {
            String uri = hit.path("_source").path("native_id").asText();
            uris.add(uri);
            hashtags.put(uri, hit.path("_source").path("hashtags"));
        });
        return uris;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }

    private JavaService start(String name, String module, Map<String, String> environment) throws Exception {
        JavaService service = JavaService.start(name, module, environment, LOGS);
        services.add(service);
        return service.awaitHealthy(Duration.ofMinutes(10));
    }
}
