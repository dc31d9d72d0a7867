package io.onestore.model.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.model.document.Author;
import io.onestore.model.document.CampaignDocument;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.PostMetricsDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.document.Sentiment;
import io.onestore.model.document.TagSnapshotDocument;
import io.onestore.model.document.TagVolumeDocument;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.document.TargetSpendDocument;
import io.onestore.model.json.ContractJson;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real Elasticsearch: templates install, every document type round-trips. */
class IndexContractTest {

    private static final ObjectMapper JSON = ContractJson.mapper();
    private static final Duration BUCKET = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-11-20T10:15:30Z");

    // Outside the day the post test counts, so the two tests do not see each other's posts.
    private static final Instant OLD = T0.minus(Duration.ofDays(30));

    private static ElasticsearchClient client;
    private static IndexNames names;

    @BeforeAll
    static void install() {
        client = ElasticsearchTestServer.global().newClient(ContractJson.configure(new ObjectMapper()));
        names = new IndexNames(ElasticsearchTestServer.indexPrefix(IndexContractTest.class));
        assertThat(new IndexBootstrap(client, names).installAll()).containsExactly(IndexAlias.values());
    }

    @AfterAll
    static void close() throws IOException {
        // Deleting by wildcard is refused (action.destructive_requires_name): name the concrete indices.
        var indices = client.indices()
                .get(g -> g.index(names.prefix() + "*"))
                .result()
                .keySet();
        client.indices().delete(d -> d.index(List.copyOf(indices)));
        client._transport().close();
    }

    @Test
    void everyTemplateAndAliasIsInstalledAndASecondInstallChangesNothing() throws IOException {
        for (IndexAlias alias : IndexAlias.values()) {
            assertThat(client.indices()
                            .existsIndexTemplate(r -> r.name(names.template(alias)))
                            .value())
                    .as(alias.name())
                    .isTrue();
            assertThat(client.indices()
                            .existsAlias(r -> r.name(names.alias(alias)))
                            .value())
                    .isTrue();
        }
        assertThat(new IndexBootstrap(client, names).installAll()).isEmpty();
    }

    @Test
    void postRoundTripsAndIsFoundByItsTypedFields() throws IOException {
        JsonNode raw = JSON.readTree("{\"id\":\"3141\",\"edge_liked_by\":{\"count\":-1},\"caption\":\"secretword\"}");
        PostDocument post = new PostDocument(
                Platform.INSTAGRAM,
                "3141",
                "https://www.instagram.com/p/ABC/",
                new Author("17", "runner", "A Runner", 1200L, false),
                "Morning run #Nike secretword",
                List.of("nike", "running"),
                List.of("coach"),
                List.of("running"),
                MediaType.VIDEO,
                T0,
                T0.plusSeconds(60),
                T0.plusSeconds(600),
                null,
                12L,
                400L,
                null,
                true,
                12L,
                Sentiment.of(0.4404),
                "instagram-web",
                raw);

        PostDocument back = roundTrip(names.posts(), post.id(), post, PostDocument.class);

        assertThat(back).isEqualTo(post);
        assertThat(count(
                        names.posts(),
                        Query.of(q -> q.term(t -> t.field("hashtags").value("nike")))))
                .isEqualTo(1);
        assertThat(count(
                        names.posts(),
                        Query.of(q -> q.term(t -> t.field("likes_hidden").value(true)))))
                .isEqualTo(1);
        assertThat(count(
                        names.posts(),
                        Query.of(q -> q.match(m -> m.field("caption").query("MORNING")))))
                .isEqualTo(1);
        assertThat(count(
                        names.posts(),
                        Query.of(q -> q.range(r -> r.date(d -> d.field("@timestamp")
                                .gte("2026-11-20T00:00:00Z")
                                .lt("2026-11-21T00:00:00Z"))))))
                .isEqualTo(1);
        assertThat(count(
                        names.posts(),
                        Query.of(q -> q.term(t -> t.field("sentiment.label").value("positive")))))
                .isEqualTo(1);
    }

    @Test
    void rawComesBackVerbatimButIsNotSearchable() throws IOException {
        JsonNode raw = JSON.readTree("{\"nested\":{\"deep\":[1,\"two\",{\"three\":null}]},\"token\":\"needle42\"}");
        PostDocument post = new PostDocument(
                Platform.INSTAGRAM,
                "raw-1",
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                MediaType.PHOTO,
                OLD,
                OLD,
                OLD,
                1L,
                0L,
                null,
                null,
                false,
                1L,
                null,
                "instagram-legacy",
                raw);

        PostDocument back = roundTrip(names.posts(), post.id(), post, PostDocument.class);

        assertThat(back.raw()).isEqualTo(raw);
        assertThat(count(names.posts(), Query.of(q -> q.queryString(s -> s.query("needle42")))))
                .isZero();
        assertThat(count(
                        names.posts(),
                        Query.of(q -> q.term(t -> t.field("raw.token").value("needle42")))))
                .isZero();
        assertThat(count(names.posts(), Query.of(q -> q.exists(e -> e.field("raw")))))
                .isZero();
    }

    @Test
    void unknownFieldsAreRefusedSoMappingDriftIsCaught() {
        assertThatThrownBy(() ->
                        client.index(i -> i.index(names.posts()).id("drift").document(Map.of("likez", 1))))
                .isInstanceOf(ElasticsearchException.class)
                .hasMessageContaining("strict_dynamic_mapping_exception");
    }

    @Test
    void postMetricsRoundTripOnePerCaptureBucket() throws IOException {
        PostMetricsDocument metrics = new PostMetricsDocument(
                "instagram:3141",
                Platform.INSTAGRAM,
                "3141",
                "17",
                List.of("nike"),
                T0,
                T0.plusSeconds(30),
                120L,
                12L,
                400L,
                null,
                false,
                132L,
                null);

        assertThat(roundTrip(names.postMetrics(), metrics.id(BUCKET), metrics, PostMetricsDocument.class))
                .isEqualTo(metrics);
        assertThat(metrics.id(BUCKET)).isEqualTo("instagram:3141@2026-11-20T10:15:00Z");
        assertThat(count(
                        names.postMetrics(),
                        Query.of(q -> q.term(t -> t.field("post_id").value("instagram:3141")))))
                .isEqualTo(1);
    }

    @Test
    void tagSnapshotRoundTripsWithAndWithoutMediaCount() throws IOException {
        TagSnapshotDocument known = new TagSnapshotDocument(Platform.INSTAGRAM, "nike", 112_000_000L, 27, T0, "web");
        TagSnapshotDocument unknown = new TagSnapshotDocument(Platform.INSTAGRAM, "puma", null, 25, T0, "graph");

        assertThat(roundTrip(names.tagSnapshots(), known.id(BUCKET), known, TagSnapshotDocument.class))
                .isEqualTo(known);
        assertThat(roundTrip(names.tagSnapshots(), unknown.id(BUCKET), unknown, TagSnapshotDocument.class))
                .isEqualTo(unknown);
        assertThat(count(names.tagSnapshots(), Query.of(q -> q.exists(e -> e.field("media_count")))))
                .isEqualTo(1);
    }

    @Test
    void tagVolumeRoundTripsOneDocumentPerHourAndIsNoMediaCount() throws IOException {
        Instant hour = Instant.parse("2026-11-20T10:00:00Z");
        TagVolumeDocument open = new TagVolumeDocument(Platform.X, "nike", hour, T0, 40, false, T0, "x-api-v2");
        TagVolumeDocument closed = new TagVolumeDocument(
                Platform.X, "nike", hour, hour.plus(Duration.ofHours(1)), 71, true, T0.plusSeconds(3600), "x-api-v2");

        assertThat(open.id()).isEqualTo(closed.id()).isEqualTo("x:tag:nike@2026-11-20T10:00:00Z");
        assertThat(roundTrip(names.tagVolume(), open.id(), open, TagVolumeDocument.class))
                .isEqualTo(open);
        assertThat(roundTrip(names.tagVolume(), closed.id(), closed, TagVolumeDocument.class))
                .isEqualTo(closed);
        assertThat(count(
                        names.tagVolume(),
                        Query.of(q -> q.term(t -> t.field("tag").value("nike")))))
                .isEqualTo(1);
        assertThat(count(names.tagVolume(), Query.of(q -> q.exists(e -> e.field("media_count")))))
                .as("a volume is never read as a tag's size")
                .isZero();
    }

    @Test
    void profileSnapshotRoundTrips() throws IOException {
        ProfileSnapshotDocument profile = new ProfileSnapshotDocument(
                Platform.INSTAGRAM,
                "17",
                "nike",
                "Nike",
                306_000_000L,
                150L,
                1_400L,
                true,
                false,
                T0,
                "legacy",
                JSON.readTree("{\"id\":\"17\"}"));

        assertThat(roundTrip(names.profileSnapshots(), profile.id(BUCKET), profile, ProfileSnapshotDocument.class))
                .isEqualTo(profile);
        assertThat(count(
                        names.profileSnapshots(),
                        Query.of(q ->
                                q.range(r -> r.number(n -> n.field("followers").gte(1_000_000.0))))))
                .isEqualTo(1);
    }

    @Test
    void targetCampaignAndDeadLetterRoundTrip() throws IOException {
        TargetDocument target = TargetDocument.watch(
                        TargetDocument.Kind.HASHTAG, "nike", List.of(Platform.INSTAGRAM), List.of("c1"), T0)
                .withLease("ingestor-1", T0.plusSeconds(300))
                .withLastFetch(T0, "ok");
        CampaignDocument campaign = new CampaignDocument(
                "c1",
                "Air Max Day",
                List.of("airmax"),
                List.of("nike"),
                List.of(Platform.INSTAGRAM),
                T0,
                T0.plus(Duration.ofDays(3)),
                7,
                7,
                T0);
        DeadLetterDocument dead = new DeadLetterDocument(
                T0,
                "parse",
                "malformed_json",
                "Unexpected end of input",
                null,
                null,
                Platform.INSTAGRAM,
                "instagram-web",
                JSON.getNodeFactory().textNode("{\"data\":{\"us"));

        assertThat(roundTrip(names.targets(), target.id(), target, TargetDocument.class))
                .isEqualTo(target);
        assertThat(roundTrip(names.campaigns(), campaign.id(), campaign, CampaignDocument.class))
                .isEqualTo(campaign);
        assertThat(roundTrip(names.deadletter(), "d1", dead, DeadLetterDocument.class))
                .isEqualTo(dead);
        assertThat(count(
                        names.targets(),
                        Query.of(q -> q.term(t -> t.field("campaign_ids").value("c1")))))
                .isEqualTo(1);
        assertThat(count(
                        names.campaigns(),
                        Query.of(q -> q.match(m -> m.field("name").query("air max")))))
                .isEqualTo(1);
        assertThat(count(
                        names.deadletter(),
                        Query.of(q -> q.term(t -> t.field("stage").value("parse")))))
                .isEqualTo(1);
    }

    @Test
    void coverageLedgerAndGapsRoundTripAndGapsAreFoundByRangeAndReason() throws IOException {
        String target = TargetDocument.idOf(TargetDocument.Kind.HASHTAG, "nike");
        TargetCoverageDocument ledger = new TargetCoverageDocument(
                target,
                TargetDocument.Kind.HASHTAG,
                "nike",
                Platform.INSTAGRAM,
                new TargetCoverageDocument.Mark(T0, "3141592653589793"),
                T0.minus(Duration.ofDays(2)),
                new TargetCoverageDocument.Backfill(
                        T0.minus(Duration.ofDays(7)), T0.minus(Duration.ofDays(2)), "QVFIc2", false, 40),
                1234.5,
                T0,
                T0.plusSeconds(300),
                300L,
                120,
                131,
                1,
                new TargetCoverageDocument.Plan(0.8, true, "account_budget", T0),
                T0);
        CoverageGapDocument gap = new CoverageGapDocument(
                target,
                TargetDocument.Kind.HASHTAG,
                "nike",
                Platform.INSTAGRAM,
                T0.minusSeconds(600),
                T0.minusSeconds(300),
                GapReason.PAGE_BUDGET,
                CoverageGapDocument.Status.OPEN,
                T0,
                null,
                104L,
                "pages=10");

        assertThat(roundTrip(names.targetCoverage(), ledger.id(), ledger, TargetCoverageDocument.class))
                .isEqualTo(ledger);
        assertThat(ledger.id()).isEqualTo("hashtag:nike@instagram");
        assertThat(roundTrip(names.coverageGaps(), gap.id(), gap, CoverageGapDocument.class))
                .isEqualTo(gap);
        assertThat(gap.id()).isEqualTo("hashtag:nike@instagram:page_budget:2026-11-20T10:05:30Z");
        // The query side asks: which open gaps overlap my window?
        assertThat(count(
                        names.coverageGaps(),
                        Query.of(q -> q.bool(
                                b -> b.filter(f -> f.term(t -> t.field("reason").value("page_budget")))
                                        .filter(f -> f.range(
                                                r -> r.date(d -> d.field("from").lt(T0.toString()))))
                                        .filter(f -> f.range(r -> r.date(d -> d.field("to")
                                                .gt(T0.minusSeconds(400).toString()))))))))
                .isEqualTo(1);
        assertThat(count(
                        names.targetCoverage(),
                        Query.of(q -> q.term(t -> t.field("plan.under_covered").value(true)))))
                .isEqualTo(1);
    }

    @Test
    void targetSpendRoundTripsOnePerTargetPlatformAndDayAndAMonthIsFoundByDay() throws IOException {
        TargetSpendDocument.Ceiling ceiling = TargetSpendDocument.Ceiling.x(10_000, 10_000, 2_000, 2_000, 2_000);
        TargetSpendDocument first =
                TargetSpendDocument.x("hashtag:nike", LocalDate.parse("2026-11-19"), 100, 87, 1, ceiling, T0);
        TargetSpendDocument second =
                TargetSpendDocument.x("hashtag:nike", LocalDate.parse("2026-11-20"), 12, 9, 3, null, T0);
        TargetSpendDocument tiktok = TargetSpendDocument.tiktok(
                "hashtag:nike",
                LocalDate.parse("2026-11-20"),
                14,
                1_305,
                TargetSpendDocument.Ceiling.tiktok(1_000, 100_000),
                T0);

        assertThat(first.id()).isEqualTo("hashtag:nike@x:2026-11-19");
        assertThat(tiktok.id()).isEqualTo("hashtag:nike@tiktok:2026-11-20");
        assertThat(roundTrip(names.targetSpend(), first.id(), first, TargetSpendDocument.class))
                .isEqualTo(first);
        assertThat(roundTrip(names.targetSpend(), second.id(), second, TargetSpendDocument.class))
                .isEqualTo(second);
        assertThat(roundTrip(names.targetSpend(), tiktok.id(), tiktok, TargetSpendDocument.class))
                .isEqualTo(tiktok);
        // Each platform's document carries its own units only: X's are absent from TikTok's, not 0.
        assertThat(ContractJson.mapper().writeValueAsString(tiktok))
                .contains("\"requests\":14", "\"records\":1305", "\"requests_per_day\":1000")
                .doesNotContain("posts", "users", "count_requests");
        assertThat(count(
                        names.targetSpend(),
                        Query.of(q -> q.range(r -> r.date(d -> d.field("day").gte("2026-11-20"))))))
                .isEqualTo(2);
    }

    private static <T> T roundTrip(String index, String id, T document, Class<T> type) throws IOException {
        client.index(i ->
                i.index(index).id(id).document(document).refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
        var got = client.get(g -> g.index(index).id(id), type);
        assertThat(got.found()).isTrue();
        return got.source();
    }

    private static long count(String index, Query query) throws IOException {
        return client.count(c -> c.index(index).query(query)).count();
    }
}
