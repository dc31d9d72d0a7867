package io.onestore.ingestor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.schedule.IngestCycle;
import io.onestore.ingestor.source.tiktok.ResearchQuota;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetSpendDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * TikTok through the whole ingestor into the real Elasticsearch, with the Research API over WireMock: the quota use of
 * each target's captures (requests sent, records returned) lands in {@code target-spend} under that target and
 * {@code tiktok}, equal to what the upstream saw, with the client's daily quotas as the ceiling, and adds up over
 * captures (docs/ingestor-tiktok.md, "Quotas").
 */
@SpringBootTest
@Import(MockUpstreamRig.HandMovedClock.class)
class TikTokEndToEndTest {

    static final MockUpstreamRig RIG = new MockUpstreamRig("#vans tiktok\n@skater_jo tiktok\n", "");
    static final WireMockServer upstream = RIG.upstream();
    static final String QUERY = "/v2/research/video/query/";
    static final String USER = "/v2/research/user/info/";
    /** Videos in {@code video-query-vans.json}, one of them unreadable: each is a record of the quota all the same. */
    static final int RECORDS_PER_ANSWER = 3;
    /** The fixture's videos were made on 2026-11-30; the captures run after them. */
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @DynamicPropertySource
    static void tiktok(DynamicPropertyRegistry registry) {
        RIG.register(registry);
        registry.add("onestore.index.prefix", () -> ElasticsearchTestServer.indexPrefix(TikTokEndToEndTest.class));
        registry.add(
                "onestore.ingest.spool-dir",
                () -> RIG.workDir().resolve("spool-tiktok").toString());
        registry.add("onestore.sources.tiktok.base-url", upstream::baseUrl);
        registry.add("onestore.sources.tiktok.client-key", () -> "test-key");
        registry.add("onestore.sources.tiktok.client-secret", () -> "test-secret");
        registry.add("onestore.sources.tiktok.requests-per-day", () -> "50");
        registry.add("onestore.sources.tiktok.records-per-day", () -> "5000");
    }

    @Autowired
    IngestCycle cycle;

    @Autowired
    IndexInstaller installer;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    IndexNames names;

    @Autowired
    Clock clock;

    @Autowired
    ResearchQuota quota;

    @Test
    void eachCapturesRequestsAndRecordsLandInTargetSpendForItsTarget() throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);
        upstream.stubFor(post(urlPathEqualTo("/v2/oauth/token/"))
                .willReturn(okJson("{\"access_token\":\"clt.A\",\"expires_in\":7200,\"token_type\":\"Bearer\"}")));
        upstream.stubFor(post(urlPathEqualTo(QUERY))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("tiktok/video-query-vans.json"))));
        upstream.stubFor(
                post(urlPathEqualTo(USER)).willReturn(okJson(Fixtures.read("tiktok/user-info-skater_jo.json"))));
        ((TestClock) clock).advance(Duration.between(MockUpstreamRig.T0, NOW));

        run();
        assertSpendIsWhatTheUpstreamSaw();
        TargetSpendDocument vans = stored("hashtag:vans");
        assertThat(vans.requests()).isPositive();
        assertThat(vans.ceiling()).isEqualTo(TargetSpendDocument.Ceiling.tiktok(50, 5_000));
        assertThat(vans.posts()).as("X's units are not TikTok's").isNull();

        // A second capture of both: the day's documents add it up, still equal to the upstream's count.
        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);
        run();
        assertThat(stored("hashtag:vans").requests()).isGreaterThan(vans.requests());
        assertSpendIsWhatTheUpstreamSaw();
        assertThat(quota.view().requests())
                .as("the client's count of the day is the targets' together")
                .isEqualTo(stored("hashtag:vans").requests()
                        + stored("profile:skater_jo").requests());
    }

    private void assertSpendIsWhatTheUpstreamSaw() throws IOException {
        long tagQueries = upstream.findAll(
                        postRequestedFor(urlPathEqualTo(QUERY)).withRequestBody(containing("hashtag_name")))
                .size();
        long profileQueries = upstream.findAll(
                        postRequestedFor(urlPathEqualTo(QUERY)).withRequestBody(containing("\"username\"")))
                .size();
        long userInfos =
                upstream.findAll(postRequestedFor(urlPathEqualTo(USER))).size();
        assertThat(tagQueries).isPositive();
        assertThat(userInfos).isPositive();

        TargetSpendDocument vans = stored("hashtag:vans");
        assertThat(vans.requests()).isEqualTo(tagQueries);
        assertThat(vans.records()).isEqualTo(tagQueries * RECORDS_PER_ANSWER);
        TargetSpendDocument jo = stored("profile:skater_jo");
        assertThat(jo.requests()).isEqualTo(profileQueries + userInfos);
        assertThat(jo.records()).isEqualTo(profileQueries * RECORDS_PER_ANSWER + userInfos);
    }

    private void run() throws IOException {
        client.indices().refresh(r -> r.index(names.targets()));
        cycle.run();
    }

    /** Today's document, read in real time: each capture writes its target's day before it returns. */
    private TargetSpendDocument stored(String targetId) throws IOException {
        String id = TargetSpendDocument.idOf(targetId, Platform.TIKTOK, LocalDate.ofInstant(NOW, ZoneOffset.UTC));
        var got = client.get(g -> g.index(names.targetSpend()).id(id), TargetSpendDocument.class);
        assertThat(got.found()).as("%s stored", id).isTrue();
        return got.source();
    }
}
