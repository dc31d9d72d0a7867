package io.onestore.query.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.document.TargetSpendDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.Ledgers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /api/v1/targets} over HTTP against the real Elasticsearch, the ledger written in the contract's shape:
 * #nike (campaign c1) fully covered, back-fill done; #puma (c1) with an open gap, back-fill 70 % along and the planner
 * expecting to read 75 % of its posts; #vans from the targets file, covered; profile adidas watched, never captured;
 * profile nike covered on Instagram and watched on X, where a profile is captured as snapshots only; profile puma
 * watched on X only.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "onestore.security.api-keys=targets-reader:read")
class TargetsApiTest {

    static final String KEY = "targets-reader";
    static ContractIndices es;

    @BeforeAll
    static void seedLedger() throws Exception {
        es = ContractIndices.install(TargetsApiTest.class);
        TargetCoverageDocument puma = new TargetCoverageDocument(
                "hashtag:puma",
                TargetDocument.Kind.HASHTAG,
                "puma",
                Platform.INSTAGRAM,
                new TargetCoverageDocument.Mark(Instant.parse("2026-10-11T00:00:00Z"), "p-9"),
                Instant.parse("2026-10-04T00:00:00Z"),
                new TargetCoverageDocument.Backfill(
                        Instant.parse("2026-10-01T00:00:00Z"),
                        Instant.parse("2026-10-04T00:00:00Z"),
                        "opaque-upstream-cursor",
                        false,
                        12),
                800.0,
                Instant.parse("2026-10-11T00:01:00Z"),
                Instant.parse("2026-10-11T00:04:00Z"),
                180L,
                96,
                101,
                1,
                new TargetCoverageDocument.Plan(0.75, true, "account_budget", Instant.parse("2026-10-11T00:01:00Z")),
                Instant.parse("2026-10-11T00:01:00Z"));
        TargetCoverageDocument nike = Ledgers.hashtag("nike", "2026-10-01T00:00:00Z", "2026-10-11T00:00:00Z");
        TargetCoverageDocument vans = Ledgers.hashtag("vans", "2026-10-01T00:00:00Z", "2026-10-11T00:00:00Z");
        List<CoverageGapDocument> gaps = new ArrayList<>();
        gaps.add(Ledgers.gap("puma", "2026-10-06T00:00:00Z", "2026-10-06T02:00:00Z", GapReason.PAGE_BUDGET));
        gaps.add(Ledgers.gap(
                "puma",
                "2026-10-05T00:00:00Z",
                "2026-10-05T01:00:00Z",
                GapReason.UPSTREAM_FAILURE,
                CoverageGapDocument.Status.FILLED));
        TargetCoverageDocument nikeProfile = Ledgers.ledger(
                TargetDocument.Kind.PROFILE,
                "nike",
                Platform.INSTAGRAM,
                "2026-10-01T00:00:00Z",
                "2026-10-11T00:00:00Z");
        es.ledger(
                List.of(puma, nike, vans, nikeProfile),
                gaps,
                List.of(
                        Ledgers.watched("nike", "c1"),
                        Ledgers.watched("puma", "c1"),
                        Ledgers.watched("vans"),
                        TargetDocument.watch(
                                TargetDocument.Kind.PROFILE,
                                "adidas",
                                List.of(Platform.INSTAGRAM),
                                List.of("c2"),
                                Instant.parse("2026-09-01T00:00:00Z")),
                        TargetDocument.watch(
                                TargetDocument.Kind.PROFILE,
                                "nike",
                                List.of(Platform.INSTAGRAM, Platform.X),
                                List.of(),
                                Instant.parse("2026-09-01T00:00:00Z")),
                        TargetDocument.watch(
                                TargetDocument.Kind.PROFILE,
                                "puma",
                                List.of(Platform.X),
                                List.of(),
                                Instant.parse("2026-09-01T00:00:00Z"))));
        // #nike is watched on X too: today's spend as the ingestor writes it (the service's clock is the real one).
        // And on TikTok: the Research API requests and records its captures used today.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (TargetSpendDocument spend : List.of(
                TargetSpendDocument.x(
                        "hashtag:nike",
                        today,
                        100,
                        87,
                        1,
                        TargetSpendDocument.Ceiling.x(10_000, 10_000, 2_000, 2_000, 2_000),
                        Instant.now()),
                TargetSpendDocument.tiktok(
                        "hashtag:nike",
                        today,
                        14,
                        1_305,
                        TargetSpendDocument.Ceiling.tiktok(1_000, 100_000),
                        Instant.now()))) {
            es.client().index(i -> i.index(es.names().targetSpend())
                    .id(spend.id())
                    .document(spend)
                    .refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        ContractIndices.serve(registry, () -> es);
    }

    @Autowired
    TestRestTemplate http;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void listsEveryTargetByKindThenValueWithItsLedger() throws Exception {
        JsonNode page = ok("/api/v1/targets");

        assertThat(page.get("total").asLong()).isEqualTo(6);
        assertThat(ids(page))
                .containsExactly(
                        "hashtag:nike",
                        "hashtag:puma",
                        "hashtag:vans",
                        "profile:adidas",
                        "profile:nike",
                        "profile:puma");
        assertThat(page.get("notice").isNull()).isTrue();
        JsonNode puma = page.get("targets").get(1);
        assertThat(puma.get("underCovered").asBoolean()).isTrue();
        assertThat(puma.get("gaps").isNull()).isTrue();
        JsonNode instagram = puma.get("coverage").get(0);
        assertThat(instagram.get("platform").asText()).isEqualTo("instagram");
        assertThat(instagram.get("coveredSince").asText()).isEqualTo("2026-10-04T00:00:00Z");
        // Regression: the mark came out in the index contract's snake_case inside the API's camelCase answer.
        assertThat(instagram.get("highWaterMark").get("publishedAt").asText()).isEqualTo("2026-10-11T00:00:00Z");
        assertThat(instagram.get("highWaterMark").get("postId").asText()).isEqualTo("p-9");
        assertThat(instagram.get("lastCaptureAt").asText()).isEqualTo("2026-10-11T00:01:00Z");
        assertThat(instagram.get("nextDueAt").asText()).isEqualTo("2026-10-11T00:04:00Z");
        assertThat(instagram.get("ratePerHour").asDouble()).isEqualTo(800.0);
        assertThat(instagram.get("pagesSpent").asLong()).isEqualTo(96);
        assertThat(instagram.get("callsSpent").asLong()).isEqualTo(101);
        assertThat(instagram.get("openGaps").asInt()).isEqualTo(1);
        // back-fill has read 7 of the 10 days from its start to the newest post
        assertThat(instagram.get("backfillProgress").asDouble()).isEqualTo(0.7);
        assertThat(instagram.get("backfill").get("pages").asLong()).isEqualTo(12);
        assertThat(instagram.get("expectedShare").asDouble()).isEqualTo(0.75);
        assertThat(instagram.get("plannedShortfall").asDouble()).isEqualTo(0.25);
        assertThat(instagram.get("underCoveredReason").asText()).isEqualTo("account_budget");
        // the upstream cursor is the ingestor's business
        assertThat(page.toString()).doesNotContain("opaque-upstream-cursor").doesNotContain("cursor");

        JsonNode nike = page.get("targets").get(0);
        assertThat(nike.get("underCovered").asBoolean()).isFalse();
        assertThat(nike.get("campaignIds").get(0).asText()).isEqualTo("c1");
        JsonNode x = nike.get("spend").get(0);
        assertThat(x.get("platform").asText()).isEqualTo("x");
        assertThat(x.get("postsToday").asLong()).isEqualTo(100);
        assertThat(x.get("usersToday").asLong()).isEqualTo(87);
        assertThat(x.get("countRequestsToday").asLong()).isEqualTo(1);
        assertThat(x.get("postsThisMonth").asLong()).isEqualTo(100);
        assertThat(x.get("ceiling").get("postsPerTargetPerDay").asLong()).isEqualTo(2_000);
        assertThat(x.has("requestsToday")).as("TikTok's units are not X's").isFalse();
        assertThat(puma.get("spend")).as("nothing metered read for #puma").isEmpty();
        JsonNode adidas = page.get("targets").get(3);
        assertThat(adidas.get("underCovered").asBoolean()).isTrue();
        assertThat(adidas.get("coverage")).isEmpty();
        // Regression: profiles kept no ledger and were always under-covered. On Instagram a profile's capture reads its
        // posts and keeps a ledger; on X it is a snapshot only, its posts not read: no ledger, and not under-covered.
        JsonNode nikeProfile = page.get("targets").get(4);
        assertThat(nikeProfile.get("underCovered").asBoolean()).isFalse();
        assertThat(nikeProfile.get("coverage").get(0).get("platform").asText()).isEqualTo("instagram");
        assertThat(nikeProfile.get("snapshotsOnly"))
                .extracting(JsonNode::asText)
                .containsExactly("x");
        JsonNode pumaProfile = page.get("targets").get(5);
        assertThat(pumaProfile.get("underCovered").asBoolean()).isFalse();
        assertThat(pumaProfile.get("coverage")).isEmpty();
        assertThat(pumaProfile.get("snapshotsOnly"))
                .extracting(JsonNode::asText)
                .containsExactly("x");
        assertThat(page.get("targets").get(0).get("snapshotsOnly")).isEmpty();
    }

    @Test
    void filtersByKindCampaignAndUnderCoverageAndPages() throws Exception {
        assertThat(ids(ok("/api/v1/targets?kind=profile")))
                .containsExactly("profile:adidas", "profile:nike", "profile:puma");
        assertThat(ids(ok("/api/v1/targets?campaign=c1"))).containsExactly("hashtag:nike", "hashtag:puma");
        JsonNode under = ok("/api/v1/targets?underCovered=true");
        assertThat(ids(under)).containsExactly("hashtag:puma", "profile:adidas");
        assertThat(under.get("total").asLong()).isEqualTo(2);
        JsonNode second = ok("/api/v1/targets?underCovered=true&size=1&page=1");
        assertThat(ids(second)).containsExactly("profile:adidas");
        assertThat(second.get("total").asLong()).isEqualTo(2);
        JsonNode paged = ok("/api/v1/targets?size=2&page=1");
        assertThat(ids(paged)).containsExactly("hashtag:vans", "profile:adidas");
        assertThat(paged.get("total").asLong()).isEqualTo(6);
        assertThat(ids(ok("/api/v1/targets?kind=hashtag&campaign=c1&underCovered=true")))
                .containsExactly("hashtag:puma");
    }

    @Test
    void oneTargetShowsItsGapsNewestFirstAndItsIdIsNormalised() throws Exception {
        JsonNode puma = ok("/api/v1/targets/hashtag:%23Puma");

        assertThat(puma.get("id").asText()).isEqualTo("hashtag:puma");
        assertThat(puma.get("gapsTotal").asLong()).isEqualTo(2);
        JsonNode newest = puma.get("gaps").get(0);
        assertThat(newest.get("from").asText()).isEqualTo("2026-10-06T00:00:00Z");
        assertThat(newest.get("to").asText()).isEqualTo("2026-10-06T02:00:00Z");
        assertThat(newest.get("reason").asText()).isEqualTo("page_budget");
        assertThat(newest.get("status").asText()).isEqualTo("open");
        assertThat(newest.get("estimatedPosts").asLong()).isEqualTo(60);
        JsonNode filled = puma.get("gaps").get(1);
        assertThat(filled.get("reason").asText()).isEqualTo("upstream_failure");
        assertThat(filled.get("status").asText()).isEqualTo("filled");
        assertThat(filled.get("closedAt").asText()).isEqualTo("2026-10-05T01:00:00Z");

        assertThat(ok("/api/v1/targets/profile:Adidas").get("gaps")).isEmpty();
    }

    @Test
    void oneTargetShowsItsTikTokRequestsAndRecordsAgainstTheClientsQuotas() throws Exception {
        JsonNode spend = ok("/api/v1/targets/hashtag:nike").get("spend");

        assertThat(spend).hasSize(2);
        JsonNode tiktok = spend.get(1);
        assertThat(tiktok.get("platform").asText()).isEqualTo("tiktok");
        assertThat(tiktok.get("day").asText())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(tiktok.get("requestsToday").asLong()).isEqualTo(14);
        assertThat(tiktok.get("recordsToday").asLong()).isEqualTo(1_305);
        assertThat(tiktok.get("requestsThisMonth").asLong()).isEqualTo(14);
        assertThat(tiktok.get("recordsThisMonth").asLong()).isEqualTo(1_305);
        assertThat(tiktok.get("ceiling").get("requestsPerDay").asLong()).isEqualTo(1_000);
        assertThat(tiktok.get("ceiling").get("recordsPerDay").asLong()).isEqualTo(100_000);
        assertThat(tiktok.has("postsToday")).as("X's units are not TikTok's").isFalse();
        assertThat(tiktok.get("ceiling").has("postsPerDay")).isFalse();
    }

    @Test
    void anUnknownTargetIsA404Problem() throws Exception {
        problem("/api/v1/targets/hashtag:nosuchtag", 404, "target-not-found");
    }

    @Test
    void badParametersAre400Problems() throws Exception {
        problem("/api/v1/targets?kind=tag", 400, "invalid-parameter");
        problem("/api/v1/targets?size=0", 400, "limit-out-of-range");
        problem("/api/v1/targets?size=101", 400, "limit-out-of-range");
        problem("/api/v1/targets?page=-1", 400, "limit-out-of-range");
        problem("/api/v1/targets?page=200&size=50", 400, "limit-out-of-range");
        problem("/api/v1/targets?underCovered=maybe", 400, "invalid-parameter");
        problem("/api/v1/targets?campaign=" + "c".repeat(101), 400, "invalid-parameter");
        problem("/api/v1/targets/nike", 400, "invalid-parameter");
        problem("/api/v1/targets/place:nike", 400, "invalid-parameter");
        problem("/api/v1/targets/hashtag:%20", 400, "invalid-hashtag");
        problem("/api/v1/targets/profile:no%20handle", 400, "invalid-parameter");
    }

    @Test
    void aKeyIsRequired() {
        ResponseEntity<String> answer = http.getForEntity("/api/v1/targets", String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theOpenApiDescriptionShowsTheLedgerAndTheCoverageBlockOfEveryAnswer() throws Exception {
        JsonNode docs =
                json.readTree(http.getForEntity("/v3/api-docs", String.class).getBody());
        JsonNode paths = docs.get("paths");
        assertThat(paths.at("/~1api~1v1~1targets/get/responses/200/content/*~1*/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/TargetPage");
        assertThat(paths.at("/~1api~1v1~1targets~1{id}/get/responses/200/content/*~1*/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/TargetLedger");
        assertThat(paths.at(
                                "/~1api~1v1~1targets~1{id}/get/responses/404/content/application~1problem+json/example/type")
                        .asText())
                .isEqualTo("https://onestore.io/problems/target-not-found");
        List<String> parameters = new ArrayList<>();
        paths.at("/~1api~1v1~1targets/get/parameters")
                .forEach(p -> parameters.add(p.get("name").asText()));
        assertThat(parameters).containsExactly("kind", "campaign", "underCovered", "page", "size");

        JsonNode schemas = docs.at("/components/schemas");
        List<String> coverage = new ArrayList<>();
        schemas.at("/Coverage/properties").fieldNames().forEachRemaining(coverage::add);
        assertThat(coverage).containsExactlyInAnyOrder("from", "to", "coveredShare", "complete", "notice", "targets");
        assertThat(schemas.at("/Gap/properties/reason/enum")).hasSize(14);
        assertThat(schemas.at("/Gap/properties/reason/enum").toString()).contains("\"snapshots_only\"");
        assertThat(schemas.at("/TargetLedger/properties/snapshotsOnly/description")
                        .asText())
                .contains("snapshots only");
        for (String answer : List.of(
                "CampaignReport",
                "InfluencerRanking",
                "ShareOfVoice",
                "SentimentTimeline",
                "SpikeReport",
                "TagTrend",
                "TagVolume")) {
            assertThat(schemas.at("/" + answer + "/properties/coverage/$ref").asText())
                    .as(answer)
                    .isEqualTo("#/components/schemas/Coverage");
        }
        assertThat(schemas.at("/Uplift/properties/duringVsBaselineWithheld/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Withheld");
        assertThat(schemas.at("/ShareOfVoice/properties/sharesWithheld/$ref").asText())
                .isEqualTo("#/components/schemas/Withheld");
        assertThat(schemas.at("/SpikeReport/properties/spikesWithheld/type").asText())
                .isEqualTo("integer");
        assertThat(schemas.at("/Backfill/properties").has("cursor")).isFalse();
    }

    private JsonNode ok(String uri) throws Exception {
        ResponseEntity<String> answer = get(uri);
        assertThat(answer.getStatusCode().value())
                .as(uri + " " + answer.getBody())
                .isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    private void problem(String uri, int status, String type) throws Exception {
        ResponseEntity<String> answer = get(uri);
        assertThat(answer.getStatusCode().value())
                .as(uri + " " + answer.getBody())
                .isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(answer.getBody()).get("type").asText())
                .isEqualTo("https://onestore.io/problems/" + type);
    }

    private ResponseEntity<String> get(String uri) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-Key", KEY);
        return http.exchange(
                java.net.URI.create(http.getRootUri() + uri), HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("targets").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }
}
