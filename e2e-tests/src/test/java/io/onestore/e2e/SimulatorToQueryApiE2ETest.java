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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path with the real jars: the simulator (fixed seed, pinned clock) → the ingestor in {@code web} mode
 * (watching {@code #nike #puma @nike} every 10 s) → Elasticsearch → the query-api. What the ingestor stored is
 * compared with the simulator's ground truth; then the query-api answers over HTTP on that same data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SimulatorToQueryApiE2ETest.LogTails.class)
class SimulatorToQueryApiE2ETest {

    /** The simulated world: posts from ORIGIN on, "now" pinned inside the scripted #puma campaign (days 10–13). */
    static final Instant ORIGIN = Instant.parse("2026-03-01T00:00:00Z");

    static final Instant NOW = Instant.parse("2026-03-12T18:30:00Z");
    static final String API_KEY = "e2e-key";
    /** The window of the query-api checks: every post the web feeds show at NOW (recent posts, top of 24 h). */
    static final Instant FROM = NOW.minus(Duration.ofDays(2));

    static final Instant TO = NOW.plus(Duration.ofHours(1));

    /** Each service's output, {@code <name>.log}; Maven sets it to {@code target/e2e-logs}. */
    static final Path LOGS = Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"));

    static final List<JavaService> services = new ArrayList<>();

    static JavaService simulator;
    /** One ingestor per Instagram mode, each writing under its own index prefix; the query-api reads web's. */
    static final List<String> MODES = List.of("web", "legacy", "graph");

    static final Map<String, String> prefixes = new LinkedHashMap<>();
    static JavaService queryApi;
    static String mastodonPrefix;
    static final Map<String, JavaService> ingestors = new HashMap<>();
    static String es;
    static String prefix;
    static Instant startedAt;

    @BeforeAll
    static void startTheStack() throws Exception {
        es = ElasticsearchTestServer.global().url();
        String classPrefix = ElasticsearchTestServer.indexPrefix(SimulatorToQueryApiE2ETest.class);
        MODES.forEach(mode -> prefixes.put(mode, classPrefix + mode + "-"));
        prefix = prefixes.get("web");
        startedAt = Instant.now();
        Path logs = LOGS;
        Files.createDirectories(logs);
        Path accounts = logs.resolve("accounts.txt");
        Files.writeString(
                accounts,
                """
                # the simulator accepts any token and gives each its own budget
                e2e-1 e2e-token-1 17841400000000001
                e2e-2 e2e-token-2 17841400000000002
                e2e-3 e2e-token-3 17841400000000003
                e2e-4 e2e-token-4 17841400000000004
                """);
        Path targets = logs.resolve("targets.txt");
        Files.writeString(targets, "#nike\n#puma\n@nike\n");

        simulator = start(
                "simulator",
                "simulator",
                Map.of(
                        "ONESTORE_SIMULATOR_SEED", "42",
                        "ONESTORE_SIMULATOR_FIXED_TIME", NOW.toString(),
                        "ONESTORE_SIMULATOR_ORIGIN", ORIGIN.toString()));
        for (String mode : MODES) {
            Map<String, String> environment = new HashMap<>(Map.of(
                    // Web and legacy spend the same tokens' simulator budget: only web enriches authors, with
                    // candidates
                    // from the simulated fortnight (the ingestor's own clock is the real one).
                    "ONESTORE_ENRICH_ENABLED", String.valueOf(mode.equals("web")),
                    "ONESTORE_ENRICH_LOOKBACK", "3650d",
                    "ONESTORE_ENRICH_CANDIDATES", "60",
                    "ONESTORE_ENRICH_MAX_PER_CYCLE", "30",
                    "ONESTORE_ENRICH_BUDGET_SHARE", "0.4"));
            environment.putAll(Map.of(
                    "SPRING_ELASTICSEARCH_URIS", es,
                    "ONESTORE_INDEX_PREFIX", prefixes.get(mode),
                    "ONESTORE_SOURCES_INSTAGRAM_MODE", mode,
                    "ONESTORE_SOURCES_INSTAGRAM_BASE_URL", simulator.url(),
                    "ONESTORE_SOURCES_INSTAGRAM_ACCOUNTS_FILE",
                            accounts.toAbsolutePath().toString(),
                    "ONESTORE_INGEST_TARGETS_FILE", targets.toAbsolutePath().toString(),
                    "ONESTORE_INGEST_INTERVAL", "10s",
                    "ONESTORE_INGEST_SCHEDULE_TICK", "1s",
                    "ONESTORE_INGEST_SPOOL_DIR",
                            logs.resolve("spool-" + prefixes.get(mode))
                                    .toAbsolutePath()
                                    .toString()));
            JavaService ingestor = start("ingestor-" + mode, "ingestor-service", environment);
            ingestors.put(mode, ingestor);
        }
        // Mastodon: #puma on the simulator's server, read back two pages beyond the newest.
        mastodonPrefix = classPrefix + "mastodon-";
        Path mastodonTargets = logs.resolve("targets-mastodon.txt");
        Files.writeString(mastodonTargets, "#puma mastodon\n");
        start(
                "ingestor-mastodon",
                "ingestor-service",
                Map.of(
                        "SPRING_ELASTICSEARCH_URIS",
                        es,
                        "ONESTORE_INDEX_PREFIX",
                        mastodonPrefix,
                        "ONESTORE_SOURCES_MASTODON_SERVERS",
                        simulator.url(),
                        "ONESTORE_SOURCES_MASTODON_BACKFILL_PAGES",
                        "2",
                        "ONESTORE_INGEST_TARGETS_FILE",
                        mastodonTargets.toAbsolutePath().toString(),
                        "ONESTORE_INGEST_INTERVAL",
                        "10s",
                        "ONESTORE_INGEST_SCHEDULE_TICK",
                        "1s",
                        "ONESTORE_INGEST_SPOOL_DIR",
                        logs.resolve("spool-" + mastodonPrefix).toAbsolutePath().toString()));
        queryApi = start(
                "query-api",
                "query-api",
                Map.of(
                        "SPRING_ELASTICSEARCH_URIS", es,
                        "ONESTORE_INDEX_PREFIX", prefix,
                        "ONESTORE_API_KEYS", API_KEY,
                        "ONESTORE_INFLUENCERS_OWNED_ACCOUNTS", "nike"));
        Duration startUp = Duration.ofSeconds(300);
        for (JavaService service : services) {
            service.awaitHealthy(startUp);
        }
    }

    /** An empty spool folder per ingestor: a spool left by an earlier run would be replayed into its indices. */
    private static String spool(Path logs, String mode) throws java.io.IOException {
        Path spool = logs.resolve("spool-" + mode);
        if (Files.exists(spool)) {
            try (var files = Files.walk(spool)) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return spool.toAbsolutePath().toString();
    }

    private static JavaService start(String name, String module, Map<String, String> environment) throws Exception {
        JavaService service = JavaService.start(name, module, environment, LOGS);
        services.add(service);
        return service;
    }

    @AfterAll
    static void stopTheStack() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        assertThat(services).noneMatch(JavaService::isAlive);
    }

    @ParameterizedTest(name = "ingestor in {0} mode")
    @ValueSource(strings = {"web", "legacy", "graph"})
    @Order(1)
    void theIngestorStoresWhatTheSimulatorShowsForTheTargets(String mode) {
        String prefix = prefixes.get(mode);
        await("posts, tag snapshots and profile snapshots of #nike #puma @nike")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    assertThat(count(prefix, "posts", term("hashtags", "nike"))).isPositive();
                    assertThat(count(prefix, "posts", term("hashtags", "puma"))).isPositive();
                    assertThat(count(prefix, "tag-snapshots", term("tag", "nike")))
                            .isPositive();
                    assertThat(count(prefix, "tag-snapshots", term("tag", "puma")))
                            .isPositive();
                    assertThat(count(prefix, "profile-snapshots", term("username", "nike")))
                            .isPositive();
                });

        for (String tag : List.of("nike", "puma")) {
            JsonNode truth = Json.get(
                            simulator.url() + "/__truth/tags/" + tag + "?from=" + ORIGIN + "&to=" + NOW.plusSeconds(1))
                    .body();
            Map<String, JsonNode> truePosts = new LinkedHashMap<>();
            truth.get("posts").forEach(p -> truePosts.put(p.get("id").asText(), p));

            List<JsonNode> stored = search(prefix, "posts", term("hashtags", tag), 1000);
            assertThat(stored).as("#%s posts stored", tag).isNotEmpty();
            for (JsonNode post : stored) {
                String id = post.get("native_id").asText();
                assertThat(post.get("platform").asText()).isEqualTo("instagram");
                assertThat(truePosts)
                        .as("#%s post %s in the simulator's truth", tag, id)
                        .containsKey(id);
                JsonNode expected = truePosts.get(id);
                if (expected.get("likes_hidden").asBoolean()) {
                    assertThat(post.path("likes_hidden").asBoolean())
                            .as("post %s hides its likes", id)
                            .isTrue();
                    assertThat(post.hasNonNull("likes"))
                            .as("post %s has no like count", id)
                            .isFalse();
                } else {
                    assertThat(post.path("likes_hidden").asBoolean())
                            .as("post %s likes_hidden", id)
                            .isFalse();
                    assertThat(post.get("likes").asLong())
                            .as("post %s likes", id)
                            .isEqualTo(expected.get("likes").asLong());
                }
                assertThat(post.get("comments").asLong())
                        .as("post %s comments", id)
                        .isEqualTo(expected.get("comments").asLong());
            }
            // The web feed's first page is the 24 newest public posts: every one of them was stored.
            List<String> storedIds =
                    stored.stream().map(p -> p.get("native_id").asText()).toList();
            assertThat(storedIds)
                    .as("#%s: the newest 24 posts of the truth", tag)
                    .containsAll(truePosts.keySet().stream().limit(24).toList());

            JsonNode snapshot =
                    search(prefix, "tag-snapshots", term("tag", tag), 1).get(0);
            if (mode.equals("graph")) {
                // The Graph API's hashtag node has no media count: the snapshot leaves it out, never invents it.
                assertThat(snapshot.has("media_count"))
                        .as("#%s graph media_count", tag)
                        .isFalse();
            } else {
                assertThat(snapshot.get("media_count").asLong())
                        .as("#%s media_count", tag)
                        .isEqualTo(truth.get("media_count").asLong());
            }
        }

        JsonNode profileTruth =
                Json.get(simulator.url() + "/__truth/profiles/nike").body();
        JsonNode profile =
                search(prefix, "profile-snapshots", term("username", "nike"), 1).get(0);
        assertThat(profile.get("followers").asLong())
                .as("@nike followers")
                .isEqualTo(profileTruth.get("followers").asLong());
        assertThat(profile.get("following").asLong())
                .as("@nike following")
                .isEqualTo(profileTruth.get("following").asLong());
    }

    /**
     * The simulator's clock stands still, so the Mastodon ingestor's first capture (the newest page and two older, 40
     * each) is all there is: exactly the 120 newest #puma statuses with the truth's counts; later captures read
     * forward from the server's cursor ({@code min_id}) and find nothing new, so nothing is stored twice.
     */
    @Test
    @Order(3)
    void theMastodonIngestorStoresExactlyTheNewestStatusesOnceEach() {
        await("120 #puma statuses from Mastodon")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> count(mastodonPrefix, "posts", term("platform", "mastodon")) >= 120);
        JsonNode truth = Json.get(simulator.url() + "/__truth/tags/puma?from=" + ORIGIN + "&to=" + NOW.plusSeconds(1))
                .body();
        Map<Long, JsonNode> byStatusId = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        truth.get("posts").forEach(p -> {
            String uri = p.get("mastodon_uri").asText();
            byStatusId.put(Long.parseLong(uri.substring(uri.lastIndexOf('/') + 1)), p);
        });
        Map<String, JsonNode> newest = new LinkedHashMap<>();
        byStatusId.values().stream()
                .limit(120)
                .forEach(p -> newest.put(p.get("mastodon_uri").asText(), p));

        // Several more captures pass (interval 10 s): still exactly these, none twice.
        await().pollDelay(Duration.ofSeconds(25)).atMost(Duration.ofSeconds(30)).until(() -> true);
        List<JsonNode> stored = search(mastodonPrefix, "posts", term("platform", "mastodon"), 1000);
        assertThat(stored).hasSize(120);
        for (JsonNode post : stored) {
            String uri = post.get("native_id").asText();
            assertThat(newest).as("stored %s among the 120 newest", uri).containsKey(uri);
            JsonNode expected = newest.get(uri);
            assertThat(post.get("likes").asLong())
                    .as("%s likes", uri)
                    .isEqualTo(expected.get("likes").asLong());
            assertThat(post.get("comments").asLong())
                    .as("%s comments", uri)
                    .isEqualTo(expected.get("comments").asLong());
            assertThat(post.get("author").get("username").asText())
                    .isEqualTo(expected.get("author_username").asText() + "@mastodon.onestore.test");
        }
        assertThat(count(mastodonPrefix, "source-cursors", "{\"match_all\": {}}"))
                .as("the server's cursor for #puma, written by the second capture")
                .isEqualTo(1);
    }

    @Test
    @Order(2)
    void theQueryApiAnswersOnTheIngestedData() {
        awaitData();
        String api = queryApi.url() + "/api/v1";
        String[] key = {"X-API-Key", API_KEY};
        String window = "from=" + FROM + "&to=" + TO;

        assertThat(Json.get(api + "/campaigns").status()).as("no key").isEqualTo(401);

        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", "Forever more");
        campaign.put("hashtags", List.of("puma"));
        campaign.put("handles", List.of("puma"));
        campaign.put("platforms", List.of("instagram"));
        campaign.put("start", NOW.minus(Duration.ofDays(1)).toString());
        campaign.put("end", NOW.plus(Duration.ofDays(1)).toString());
        campaign.put("baselineDays", 7);
        campaign.put("afterDays", 7);
        Json.Answer created = Json.post(api + "/campaigns", campaign, key);
        assertThat(created.status()).as("POST /campaigns: %s", created).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(created.header("Location")).endsWith("/api/v1/campaigns/" + id);

        // Its targets are in onestore-targets with the campaign's id, and the ingestor starts watching @puma.
        JsonNode hashtagTarget =
                Json.get(es + "/" + prefix + "targets/_doc/hashtag:puma").body();
        assertThat(hashtagTarget.path("found").asBoolean())
                .as("hashtag:puma target")
                .isTrue();
        assertThat(hashtagTarget.at("/_source/campaign_ids").toString()).contains(id);
        JsonNode profileTarget =
                Json.get(es + "/" + prefix + "targets/_doc/profile:puma").body();
        assertThat(profileTarget.path("found").asBoolean())
                .as("profile:puma target")
                .isTrue();
        assertThat(profileTarget.at("/_source/campaign_ids").toString()).contains(id);

        // The ingestor picks up the campaign's new target @puma within an interval or two.
        await("a profile snapshot of @puma, the campaign's new target")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> count(prefix, "profile-snapshots", term("username", "puma")) > 0);
        JsonNode puma =
                search(prefix, "profile-snapshots", term("username", "puma"), 1).get(0);
        assertThat(puma.get("followers").asLong())
                .isEqualTo(Json.get(simulator.url() + "/__truth/profiles/puma")
                        .body()
                        .get("followers")
                        .asLong());

        // Answers are compared with Elasticsearch below: they are taken once back-fill has read both tags' history
        // (the campaign's baseline widened #puma's), after which the standing simulator clock adds nothing.
        awaitBackfilled(api, key, "nike", "puma");

        // The report: totals over [start - 7 d, end + 7 d) are exactly the #puma or @puma posts stored there (polled:
        // the ingestor may still be writing @puma's posts).
        Instant reportFrom = NOW.minus(Duration.ofDays(8));
        Instant reportTo = NOW.plus(Duration.ofDays(8));
        String campaignPosts =
                """
                {"bool": {"filter": [
                  {"range": {"published_at": {"gte": "%s", "lt": "%s"}}},
                  {"bool": {"should": [{"term": {"hashtags": "puma"}}, {"term": {"author.username": "puma"}}]}}
                ]}}"""
                        .formatted(reportFrom, reportTo);
        // Uplift's inputs, the phases' post counts, are compared in the same poll: the campaign ran from NOW - 1 d to
        // NOW + 1 d of simulated time, all of it past by the query-api's clock, so during lasts 2 days, baseline 7.
        // Back-fill may still be writing #puma's history, so each answer is checked against counts taken with it.
        Instant start = NOW.minus(Duration.ofDays(1));
        Instant end = NOW.plus(Duration.ofDays(1));
        Json.Answer[] last = new Json.Answer[1];
        await("the report's totals and phases equal the campaign's posts in Elasticsearch")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    long before = count(prefix, "posts", campaignPosts);
                    Json.Answer answer = Json.get(api + "/campaigns/" + id + "/report?interval=1d", key);
                    assertThat(answer.status()).as("report: %s", answer).isEqualTo(200);
                    long baselinePosts = count(prefix, "posts", campaignPosts(start.minus(Duration.ofDays(7)), start));
                    long duringPosts = count(prefix, "posts", campaignPosts(start, end));
                    assertThat(count(prefix, "posts", campaignPosts))
                            .as("no write landed while the report was read")
                            .isEqualTo(before);
                    assertThat(answer.body().at("/totals/posts").asLong())
                            .isPositive()
                            .isEqualTo(before);
                    assertThat(answer.body().at("/phases/baseline/totals/posts").asLong())
                            .isEqualTo(baselinePosts);
                    assertThat(answer.body().at("/phases/during/totals/posts").asLong())
                            .isEqualTo(duringPosts);
                    last[0] = answer;
                });
        Json.Answer report = last[0];
        assertThat(Instant.parse(report.body().get("from").asText())).isEqualTo(reportFrom);
        assertThat(Instant.parse(report.body().get("to").asText())).isEqualTo(reportTo);
        JsonNode totals = report.body().get("totals");
        assertThat(totals.get("uniqueAuthors").asLong()).isPositive();
        assertThat(totals.get("engagement").asLong()).isPositive();
        assertThat(report.body().get("timeline")).isNotEmpty();
        assertThat(report.body().at("/phases/during/totals/posts").asLong()).isPositive();
        long baselinePosts = report.body().at("/phases/baseline/totals/posts").asLong();
        long duringPosts = report.body().at("/phases/during/totals/posts").asLong();
        JsonNode withheld = report.body().at("/uplift/duringVsBaselineWithheld");
        double baselineCovered =
                report.body().at("/phases/baseline/coveredShare").asDouble();
        double duringCovered = report.body().at("/phases/during/coveredShare").asDouble();
        // Capture that does not cover both phases withholds the uplift, saying why (docs/coverage.md).
        assertThat(withheld.isNull() || withheld.isMissingNode())
                .as("uplift withheld: %s", withheld)
                .isEqualTo(baselineCovered >= 0.95 && duringCovered >= 0.95);
        if (!withheld.isNull() && !withheld.isMissingNode()) {
            assertThat(withheld.get("reason").asText()).isIn("baseline_not_covered", "phase_not_covered");
            assertThat(report.body().at("/uplift/duringVsBaseline").isNull()).isTrue();
        } else if (baselinePosts == 0) {
            assertThat(report.body().at("/uplift/duringVsBaseline/posts").isNull())
                    .isTrue();
        } else {
            assertThat(report.body().at("/uplift/duringVsBaseline/posts").asDouble())
                    .isCloseTo(
                            (duringPosts / 2.0) / (baselinePosts / 7.0) - 1, org.assertj.core.data.Offset.offset(1e-9));
        }

        Json.Answer csv =
                Json.get(api + "/campaigns/" + id + "/report?interval=1d", key[0], key[1], "Accept", "text/csv");
        assertThat(csv.status()).as("CSV report: %s", csv).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");

        Json.Answer influencers =
                Json.get(api + "/insights/influencers?hashtags=nike,puma&limit=10&includeOwned=true&" + window, key);
        assertThat(influencers.status()).as("influencers: %s", influencers).isEqualTo(200);
        JsonNode ranked = influencers.body().get("influencers");
        assertThat(ranked).isNotEmpty();
        assertThat(ranked.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(ranked.get(0).get("username").asText()).isNotBlank();
        // The order, computed here from the stored posts with docs/insights.md's score (candidates: limit × 5).
        List<JsonNode> tagged = search(
                prefix,
                "posts",
                inWindow("{\"bool\": {\"filter\": [{\"terms\": {\"hashtags\": [\"nike\", \"puma\"]}},"
                        + " {\"exists\": {\"field\": \"author.id\"}}]}}"),
                10_000);
        List<String> order = new ArrayList<>();
        ranked.forEach(r -> order.add(r.get("authorId").asText()));
        assertThat(order).as("influencer order").isEqualTo(InsightExpectations.influencerOrder(tagged, 10, 5));

        Json.Answer voice = Json.get(api + "/insights/share-of-voice?hashtags=nike,puma&metric=posts&" + window, key);
        assertThat(voice.status()).as("share of voice: %s", voice).isEqualTo(200);
        double shares = 0;
        Map<String, Long> values = new HashMap<>();
        for (JsonNode v : voice.body().get("hashtags")) {
            shares += v.get("share").asDouble();
            values.put(v.get("hashtag").asText(), v.get("value").asLong());
        }
        boolean sharesShown = voice.body().path("sharesWithheld").isNull();
        // Shares are shown exactly when every hashtag's capture covers the window enough (docs/coverage.md).
        assertThat(sharesShown)
                .as("shares shown: %s", voice.body().get("coverage"))
                .isEqualTo(voice.body().at("/coverage/coveredShare").asDouble() >= 0.95);
        assertThat(shares).isCloseTo(sharesShown ? 1.0 : 0.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(values).containsOnlyKeys("nike", "puma");
        assertThat(values.get("nike")).isEqualTo(count(prefix, "posts", inWindow(term("hashtags", "nike"))));
        assertThat(values.get("puma")).isEqualTo(count(prefix, "posts", inWindow(term("hashtags", "puma"))));

        Json.Answer sentiment = Json.get(api + "/insights/sentiment?hashtags=puma&interval=1d&" + window, key);
        assertThat(sentiment.status()).as("sentiment: %s", sentiment).isEqualTo(200);
        JsonNode overall = sentiment.body().get("overall");
        List<JsonNode> pumaPosts = search(prefix, "posts", inWindow(term("hashtags", "puma")), 10_000);
        var expected = InsightExpectations.sentiment(pumaPosts);
        assertThat(overall.get("positive").asLong()).isEqualTo(expected.positive());
        assertThat(overall.get("neutral").asLong()).isEqualTo(expected.neutral());
        assertThat(overall.get("negative").asLong()).isEqualTo(expected.negative());
        assertThat(overall.get("posts").asLong())
                .isPositive()
                .isEqualTo(expected.positive() + expected.neutral() + expected.negative());
        assertThat(overall.get("meanCompound").asDouble())
                .isCloseTo(expected.mean(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(sentiment.body().get("buckets")).isNotEmpty();

        Json.Answer spikes = Json.get(api + "/insights/spikes?hashtags=puma&interval=1h&k=3&" + window, key);
        assertThat(spikes.status()).as("spikes: %s", spikes).isEqualTo(200);
        assertThat(spikes.body().get("hashtags").toString()).contains("puma");
        // The spikes by post count, computed here from the stored #puma posts (the window and its 7-hour baseline),
        // are exactly the API's; and the simulator's scripted campaign is among them.
        Instant baselineFrom = FROM.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(7));
        List<JsonNode> spikePosts = search(
                prefix,
                "posts",
                "{\"bool\": {\"filter\": [" + term("hashtags", "puma") + ", {\"range\": {\"published_at\": {\"gte\": \""
                        + baselineFrom + "\", \"lt\": \"" + TO + "\"}}}]}}",
                10_000);
        var expectedSpikes = InsightExpectations.postSpikes(spikePosts, FROM, TO, Duration.ofHours(1), 7, 3, 1.0);
        java.util.TreeSet<Instant> postSpikes = new java.util.TreeSet<>();
        spikes.body().get("spikes").forEach(spike -> {
            if (spike.get("triggeredBy").toString().contains("posts")) {
                postSpikes.add(Instant.parse(spike.get("start").asText()));
            }
        });
        // A spike whose bucket and 7-hour baseline capture does not cover is withheld (a jump where capture began is
        // an artifact): the API shows no spike the stored posts do not make, every spike over a fully covered span,
        // and none over a span mostly uncovered (docs/coverage.md, Refused comparisons).
        List<Instant[]> gaps = new ArrayList<>();
        spikes.body().at("/coverage/targets").forEach(t -> t.get("gaps")
                .forEach(g -> gaps.add(new Instant[] {
                    Instant.parse(g.get("from").asText()),
                    Instant.parse(g.get("to").asText())
                })));
        assertThat(expectedSpikes).as("spikes by posts: %s", spikes).containsAll(postSpikes);
        java.util.TreeSet<Instant> coveredSpikes = new java.util.TreeSet<>();
        for (Instant spike : expectedSpikes) {
            double uncovered = uncoveredShare(gaps, spike.minus(Duration.ofHours(7)), spike.plus(Duration.ofHours(1)));
            if (uncovered == 0) {
                coveredSpikes.add(spike);
                assertThat(postSpikes)
                        .as("spike %s over a covered span: %s", spike, spikes)
                        .contains(spike);
            } else if (uncovered > 0.5) {
                assertThat(postSpikes)
                        .as("spike %s over an uncovered span: %s", spike, spikes)
                        .doesNotContain(spike);
            }
        }
        if (gaps.isEmpty()) {
            assertThat(spikes.body().get("spikesWithheld").asInt())
                    .as("nothing withheld when covered")
                    .isZero();
            assertThat(postSpikes).isEqualTo(expectedSpikes);
        }
        JsonNode scripted = Json.get(simulator.url() + "/__truth/world").body().get("campaign");
        Instant campaignStart = Instant.parse(scripted.get("start").asText());
        Instant campaignEnd = Instant.parse(scripted.get("end").asText());
        assertThat(scripted.get("brand").asText()).isEqualTo("puma");
        if (coveredSpikes.stream().anyMatch(spike -> !spike.isBefore(campaignStart) && spike.isBefore(campaignEnd))) {
            assertThat(postSpikes)
                    .as("a spike inside the scripted campaign [%s, %s)", campaignStart, campaignEnd)
                    .anyMatch(spike -> !spike.isBefore(campaignStart) && spike.isBefore(campaignEnd));
        }

        Instant trendTo = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant trendFrom = startedAt.minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        Json.Answer trend = Json.get(api + "/tags/puma/trend?interval=1m&from=" + trendFrom + "&to=" + trendTo, key);
        assertThat(trend.status()).as("trend: %s", trend).isEqualTo(200);
        long pumaMediaCount = search(prefix, "tag-snapshots", term("tag", "puma"), 1)
                .get(0)
                .get("media_count")
                .asLong();
        assertThat(StreamSupport.stream(trend.body().get("points").spliterator(), false)
                        .filter(p -> p.hasNonNull("mediaCount"))
                        .map(p -> p.get("mediaCount").asLong()))
                .as("trend points: %s", trend)
                .isNotEmpty()
                .contains(pumaMediaCount);

        Json.Answer posts = Json.get(api + "/posts?hashtag=puma&sort=recent" + "&size=5&" + window, key);
        assertThat(posts.status()).as("posts: %s", posts).isEqualTo(200);
        assertThat(posts.body().get("total").asLong())
                .isEqualTo(count(prefix, "posts", inWindow(term("hashtags", "puma"))));
        assertThat(posts.body().get("posts")).hasSize(5);
        assertThat(posts.body().get("posts").get(0).get("hashtags").toString()).contains("\"puma\"");
    }

    /**
     * Issue 14: after enrichment, the top 20 authors of #nike have their true followers (at least 19 of 20, as the
     * issue asks; in practice all), engagement rates equal to the truth's by hand, the owned @nike left out, and no
     * account of the enriching ingestor was ever rate-limited.
     */
    @Test
    @Order(3)
    void enrichedInfluencersCarryTrueFollowersAndRatesWithoutOwnedAccounts() {
        awaitData();
        String api = queryApi.url() + "/api/v1";
        String[] key = {"X-API-Key", API_KEY};
        String ranking = api + "/insights/influencers?hashtags=nike&limit=20&from=" + FROM + "&to=" + TO;
        Map<String, InfluencerTruth.Expected> truths = new HashMap<>();
        JsonNode[] top = new JsonNode[1];
        int[] exactFollowers = new int[1];
        Instant enrichingSince = Instant.now();
        await("the top 20 authors of #nike enriched")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    Json.Answer answer = Json.get(ranking, key);
                    assertThat(answer.status()).as("influencers: %s", answer).isEqualTo(200);
                    JsonNode influencers = answer.body().get("influencers");
                    assertThat(influencers).hasSize(20);
                    int exact = 0;
                    for (JsonNode influencer : influencers) {
                        String username = influencer.get("username").asText();
                        InfluencerTruth.Expected truth = truths.computeIfAbsent(
                                username,
                                u -> InfluencerTruth.of(Json.get(simulator.url() + "/__truth/profiles/" + u + "/posts")
                                        .body()));
                        if ("profile".equals(influencer.path("followersSource").asText())
                                && influencer.get("followers").asLong() == truth.followers()) {
                            exact++;
                        }
                    }
                    assertThat(exact)
                            .as("authors with true followers: %s", influencers)
                            .isGreaterThanOrEqualTo(19);
                    top[0] = answer.body();
                    exactFollowers[0] = exact;
                });
        System.out.printf(
                "influencers: %d of the top 20 authors of #nike with their true followers after waiting %d s%n",
                exactFollowers[0],
                Duration.between(enrichingSince, Instant.now()).toSeconds());

        for (JsonNode influencer : top[0].get("influencers")) {
            String username = influencer.get("username").asText();
            assertThat(username).as("the owned @nike is left out").isNotEqualTo("nike");
            InfluencerTruth.Expected truth = truths.get(username);
            if (!"profile".equals(influencer.path("followersSource").asText())) {
                continue;
            }
            assertThat(influencer.get("engagementRatePosts").asInt())
                    .as("@%s posts counted", username)
                    .isEqualTo(truth.postsCounted());
            if (truth.engagementRate() == null) {
                assertThat(influencer.get("engagementRate").isNull()).isTrue();
            } else {
                assertThat(influencer.get("engagementRate").asDouble())
                        .as("@%s engagement rate", username)
                        .isCloseTo(truth.engagementRate(), org.assertj.core.data.Offset.offset(1e-12));
            }
            assertThat(influencer.get("estimatedReach").asLong())
                    .as("@%s reach", username)
                    .isPositive();
        }
        Json.Answer withOwned = Json.get(ranking.replace("limit=20", "limit=100") + "&includeOwned=true", key);
        Json.Answer withoutOwned = Json.get(ranking.replace("limit=20", "limit=100"), key);
        List<String> owned = new ArrayList<>();
        withOwned.body().get("influencers").forEach(i -> {
            if (i.get("owned").asBoolean()) {
                owned.add(i.get("username").asText());
            }
        });
        assertThat(owned).as("@nike posts in #nike and is owned").containsExactly("nike");
        assertThat(withoutOwned.body().get("ownedExcluded").toString()).isEqualTo("[\"nike\"]");
        assertThat(withoutOwned.body().get("influencers").toString()).doesNotContain("\"username\":\"nike\"");

        String metrics = Json.get(ingestors.get("web").url() + "/actuator/prometheus")
                .body()
                .asText();
        assertThat(metrics).as("enrichment ran").contains("onestore_enrich_authors_total{outcome=\"ok\"");
        assertThat(metrics)
                .as("no account of the enriching ingestor was ever rate-limited")
                .doesNotContain("outcome=\"rate_limited\"")
                .containsPattern("onestore_accounts\\{[^}]*state=\"cooling_down\"[^}]*} 0\\.0");
    }

    /** Polls {@code GET /api/v1/targets/hashtag:{tag}} until the Instagram back-fill of every tag is done. */
    private static void awaitBackfilled(String api, String[] key, String... tags) {
        await("back-fill of " + String.join(", ", tags) + " done")
                .atMost(Duration.ofSeconds(420))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    for (String tag : tags) {
                        Json.Answer answer = Json.get(api + "/targets/hashtag:" + tag, key);
                        if (answer.status() != 200) {
                            return false;
                        }
                        boolean done = false;
                        for (JsonNode ledger : answer.body().path("coverage")) {
                            if (ledger.path("platform").asText().equals("instagram")) {
                                done = ledger.path("backfillProgress").asDouble() >= 1.0;
                            }
                        }
                        if (!done) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private static void awaitData() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> count(prefix, "posts", term("hashtags", "puma")) > 0
                        && count(prefix, "tag-snapshots", term("tag", "puma")) > 0);
    }

    // --- Elasticsearch, over plain HTTP ----------------------------------------------------------------------------

    /** The campaign's posts (#puma or @puma) published in {@code [from, to)}. */
    static String campaignPosts(Instant from, Instant to) {
        return """
                {"bool": {"filter": [
                  {"range": {"published_at": {"gte": "%s", "lt": "%s"}}},
                  {"bool": {"should": [{"term": {"hashtags": "puma"}}, {"term": {"author.username": "puma"}}]}}
                ]}}"""
                .formatted(from, to);
    }

    static String term(String field, String value) {
        return "{\"term\": {\"" + field + "\": \"" + value + "\"}}";
    }

    static String inWindow(String query) {
        return "{\"bool\": {\"filter\": [" + query + ", {\"range\": {\"published_at\": {\"gte\": \"" + FROM
                + "\", \"lt\": \"" + TO + "\"}}}]}}";
    }

    static long count(String prefix, String index, String query) {
        return new Indices(es, prefix).count(index, query);
    }

    static List<JsonNode> search(String prefix, String index, String query, int size) {
        return new Indices(es, prefix).search(index, query, size);
    }

    /** On a failure, the tail of every child's log goes to the test output (the whole logs stay in target/). */
    static class LogTails implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            for (JavaService service : services) {
                System.err.println("---- " + service.name() + " (" + service.log() + "), last 40 lines ----");
                System.err.println(service.logTail(40));
            }
        }
    }

    /** The share of {@code [from, to)} inside the union of {@code gaps} (each {@code [from, to)}). */
    static double uncoveredShare(List<Instant[]> gaps, Instant from, Instant to) {
        List<Instant[]> clipped = new ArrayList<>();
        for (Instant[] gap : gaps) {
            Instant a = gap[0].isAfter(from) ? gap[0] : from;
            Instant b = gap[1].isBefore(to) ? gap[1] : to;
            if (a.isBefore(b)) {
                clipped.add(new Instant[] {a, b});
            }
        }
        clipped.sort(java.util.Comparator.comparing(g -> g[0]));
        long uncovered = 0;
        Instant end = from;
        for (Instant[] gap : clipped) {
            Instant a = gap[0].isAfter(end) ? gap[0] : end;
            if (gap[1].isAfter(a)) {
                uncovered += Duration.between(a, gap[1]).toMillis();
                end = gap[1];
            }
        }
        return uncovered / (double) Duration.between(from, to).toMillis();
    }
}
