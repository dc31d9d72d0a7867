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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Back-fill with the real jars, checked through the query API against the simulator's truth (docs/coverage.md). The
 * simulator runs on the system clock with five days of history. One ingestor per mode ({@code web}, {@code graph}),
 * each with its own query-api, watches {@code #camp}, the tag of a campaign created through the API with a start three
 * days ago and one baseline day, and {@code #file} from its targets file with a one-day default back-fill.
 *
 * <p>Every comparison with the truth waits first until the ledger, as {@code GET /api/v1/targets/{id}} shows it, says
 * back-fill is done and coverage reaches the window's start: a query before that would compare a half-read history.
 * Then, in web mode, share of voice over the file target's day and the report's baseline equal the truth's public
 * posts within 1 %; in graph mode, whose {@code recent_media} shows only the last 24 hours, the report says the
 * baseline is not covered and withholds the uplift.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillE2ETest {

    static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant CAMPAIGN_START = STARTED.minus(Duration.ofDays(3));
    static final int BASELINE_DAYS = 1;
    static final Duration FILE_BACKFILL = Duration.ofDays(1);
    static final String API_KEY = "backfill-key";
    static final String[] KEY = {"X-API-Key", API_KEY};
    static final List<String> MODES = List.of("web", "graph");

    final List<JavaService> services = new ArrayList<>();
    final Map<String, JavaService> apis = new LinkedHashMap<>();
    final Map<String, String> campaigns = new LinkedHashMap<>();
    JavaService simulator;

    @BeforeAll
    void start() throws Exception {
        String es = ElasticsearchTestServer.global().url();
        String classPrefix = ElasticsearchTestServer.indexPrefix(BackfillE2ETest.class);
        Path logs = Path.of(System.getProperty("onestore.e2e.logs", "target/e2e-logs"), "backfill");
        Files.createDirectories(logs);
        StringBuilder accounts = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            // The third column, the business account id, is what graph mode needs; web mode ignores it.
            accounts.append("bf-%d bf-token-%d 178414000000000%02d%n".formatted(i, i, i));
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

        for (String mode : MODES) {
            String prefix = classPrefix + mode + "-";
            Map<String, String> env = new HashMap<>();
            env.put("SPRING_ELASTICSEARCH_URIS", es);
            env.put("ONESTORE_INDEX_PREFIX", prefix);
            env.put("ONESTORE_SOURCES_INSTAGRAM_MODE", mode);
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
                    logs.resolve("spool-" + mode).toAbsolutePath().toString());
            start("ingestor-backfill-" + mode, "ingestor-service", env);
            apis.put(
                    mode,
                    start(
                            "query-api-backfill-" + mode,
                            "query-api",
                            Map.of(
                                    "SPRING_ELASTICSEARCH_URIS", es,
                                    "ONESTORE_INDEX_PREFIX", prefix,
                                    "ONESTORE_API_KEYS", API_KEY)));
        }
        for (JavaService service : services) {
            service.awaitHealthy(Duration.ofSeconds(240));
        }
        // The campaign as a user creates it; until the ingestor has installed the indices the API answers 503.
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", "back-fill");
        campaign.put("hashtags", List.of("camp"));
        campaign.put("platforms", List.of("instagram"));
        campaign.put("start", CAMPAIGN_START.toString());
        campaign.put("baselineDays", BASELINE_DAYS);
        campaign.put("afterDays", 0);
        for (String mode : MODES) {
            Json.Answer[] created = new Json.Answer[1];
            await("POST /campaigns (" + mode + ")")
                    .atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        created[0] = Json.post(api(mode) + "/campaigns", campaign, KEY);
                        return created[0].status() != 503;
                    });
            assertThat(created[0].status())
                    .as("campaign (%s): %s", mode, created[0])
                    .isEqualTo(201);
            campaigns.put(mode, created[0].body().path("id").asText());
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
    void afterBackfillShareOfVoiceAndTheBaselineEqualTheTruthAndGraphSaysTheBaselineIsNotCovered() {
        Instant campStart = CAMPAIGN_START.minus(Duration.ofDays(BASELINE_DAYS));
        // web: back-fill done and covered since each tag's start; graph: done as far as recent_media reaches.
        Map<String, JsonNode> web = awaitBackfill("web", true);
        awaitBackfill("graph", false);
        // The campaign's back-fill starts at its baseline; the file target's default look-back counts from its first
        // capture, which comes a few seconds after this class started (never before it, and under 10 minutes after).
        assertThat(Instant.parse(web.get("camp").at("/backfill/start").asText()))
                .as("#camp: back-fill start")
                .isEqualTo(campStart);
        assertThat(Instant.parse(web.get("file").at("/backfill/start").asText()))
                .as("#file: back-fill start")
                .isBetween(
                        STARTED.minus(FILE_BACKFILL),
                        STARTED.minus(FILE_BACKFILL).plus(Duration.ofMinutes(10)));

        // Share of voice over the file target's day, up to the older of the two high-water marks: both tags' capture
        // covers it, so the shares are shown and equal the truth's.
        Instant from = Instant.parse(web.get("file").at("/backfill/start").asText())
                .plusSeconds(1)
                .truncatedTo(ChronoUnit.SECONDS);
        Instant to = min(mark(web.get("camp")), mark(web.get("file")));
        Json.Answer voice = Json.get(
                api("web") + "/insights/share-of-voice?hashtags=camp,file&metric=posts&from=" + from + "&to=" + to,
                KEY);
        assertThat(voice.status()).as("share of voice: %s", voice).isEqualTo(200);
        System.out.printf(
                "back-fill share of voice [%s, %s): %s%n",
                from, to, voice.body().path("hashtags"));
        assertThat(voice.body().path("sharesWithheld").isNull())
                .as("shares shown: %s", voice.body().path("coverage"))
                .isTrue();
        Map<String, Long> truth = Map.of("camp", truthPosts("camp", from, to), "file", truthPosts("file", from, to));
        long truthTotal = truth.values().stream().mapToLong(Long::longValue).sum();
        for (JsonNode entry : voice.body().path("hashtags")) {
            String tag = entry.path("hashtag").asText();
            long expected = truth.get(tag);
            assertThat(expected).as("#%s: the truth's posts", tag).isGreaterThan(1_000);
            assertThat((double) entry.path("value").asLong())
                    .as("#%s: posts", tag)
                    .isCloseTo(expected, within(expected * 0.01));
            double share = (double) expected / truthTotal;
            assertThat(entry.path("share").asDouble()).as("#%s: share", tag).isCloseTo(share, within(share * 0.01));
        }

        // The report's baseline, [start - 1 d, start), read back by back-fill.
        JsonNode report = report("web");
        long baselineTruth = truthPosts("camp", campStart, CAMPAIGN_START);
        System.out.printf(
                "back-fill report baseline: %s, the truth %d%n", report.at("/phases/baseline"), baselineTruth);
        assertThat(baselineTruth).as("the truth's baseline posts").isGreaterThan(1_000);
        assertThat((double) report.at("/phases/baseline/totals/posts").asLong())
                .as("web: the baseline's posts")
                .isCloseTo(baselineTruth, within(baselineTruth * 0.01));
        assertThat(report.at("/phases/baseline/coveredShare").asDouble())
                .as("web: baseline covered")
                .isEqualTo(1.0);
        assertThat(report.at("/uplift/duringVsBaseline/posts").isNumber())
                .as("web: the uplift is shown: %s", report.path("uplift"))
                .isTrue();

        // Graph: recent_media holds the last 24 hours; the baseline, three days back, is an api_window gap.
        JsonNode graph = report("graph");
        System.out.printf("back-fill graph report: %s %s%n", graph.at("/phases/baseline"), graph.path("uplift"));
        assertThat(graph.at("/phases/baseline/coveredShare").asDouble())
                .as("graph: baseline covered")
                .isLessThan(0.95);
        assertThat(graph.at("/uplift/duringVsBaselineWithheld/reason").asText())
                .as("graph: uplift withheld: %s", graph.path("uplift"))
                .isEqualTo("baseline_not_covered");
        assertThat(graph.at("/uplift/duringVsBaseline").isNull()).isTrue();
        assertThat(graph.at("/coverage/notice").asText()).contains("api_window");
    }

    /**
     * Polls {@code GET /api/v1/targets/{id}} until back-fill of both tags is done ({@code backfillProgress} 1) and, when
     * {@code reachesStart}, each is covered continuously since its own back-fill start; returns the tags' Instagram
     * ledgers. The ledgers last seen are in the failure message, so a timeout says which condition held out.
     */
    private Map<String, JsonNode> awaitBackfill(String mode, boolean reachesStart) {
        Map<String, JsonNode> ledgers = new HashMap<>();
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        try {
            await("back-fill of #camp and #file done (" + mode + ")")
                    .atMost(Duration.ofSeconds(420))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        for (String tag : List.of("camp", "file")) {
                            JsonNode ledger = ledger(mode, tag);
                            seen.put(tag, ledger);
                            if (ledger == null
                                    || ledger.path("backfillProgress").asDouble() < 1.0) {
                                return false;
                            }
                            if (reachesStart
                                    && Instant.parse(ledger.path("coveredSince").asText())
                                            .isAfter(Instant.parse(
                                                    ledger.at("/backfill/start").asText()))) {
                                return false;
                            }
                            ledgers.put(tag, ledger);
                        }
                        return true;
                    });
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError(timeout.getMessage() + "; the ledgers last seen: " + seen, timeout);
        }
        ledgers.forEach((tag, ledger) -> System.out.printf("back-fill %s #%s: %s%n", mode, tag, ledger));
        return ledgers;
    }

    private JsonNode ledger(String mode, String tag) {
        Json.Answer answer = Json.get(api(mode) + "/targets/hashtag:" + tag, KEY);
        if (answer.status() != 200) {
            return null;
        }
        for (JsonNode platform : answer.body().path("coverage")) {
            if (platform.path("platform").asText().equals("instagram")) {
                return platform;
            }
        }
        return null;
    }

    private JsonNode report(String mode) {
        Json.Answer report = Json.get(api(mode) + "/campaigns/" + campaigns.get(mode) + "/report?interval=1d", KEY);
        assertThat(report.status()).as("report (%s): %s", mode, report).isEqualTo(200);
        return report.body();
    }

    private long truthPosts(String tag, Instant from, Instant to) {
        return Json.get(simulator.url() + "/__truth/tags/" + tag + "?posts=false&from=" + from + "&to=" + to)
                .body()
                .path("public_posts")
                .asLong();
    }

    private String api(String mode) {
        return apis.get(mode).url() + "/api/v1";
    }

    private static Instant mark(JsonNode ledger) {
        return Instant.parse(ledger.at("/highWaterMark/publishedAt").asText());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
