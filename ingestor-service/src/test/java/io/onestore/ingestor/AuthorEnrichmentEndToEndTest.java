package io.onestore.ingestor;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.account.AccountState;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.schedule.CycleReport;
import io.onestore.ingestor.schedule.IngestCycle;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Author enrichment over the recorded web tag page of {@code #nike}, whose authors are, by engagement, sneakerhead
 * (1243), runner.jo (317), tokyo.walks (90), jane.q (15, likes hidden) and quiet.one (3, whose profile answers 404).
 * One account of 20 calls per window, a 30 % share: 6 profile fetches per window; at most 2 per cycle, new authors
 * first, once per period, a refused author not asked again within it.
 */
@SpringBootTest
@Import(MockUpstreamRig.HandMovedClock.class)
class AuthorEnrichmentEndToEndTest {

    static final String TAG_PATH = "/api/v1/tags/web_info/";
    static final String PROFILE_PATH = "/api/v1/users/web_profile_info/";
    /** Followers the mock upstream gives each author: what the snapshots must hold. */
    static final Map<String, Long> FOLLOWERS =
            Map.of("sneakerhead", 48_200L, "runner.jo", 1_250L, "tokyo.walks", 2_400_000L, "jane.q", 310L);

    static final MockUpstreamRig RIG = new MockUpstreamRig("#nike\n", "alice tok-alice-s3cr3t\n");
    static final WireMockServer upstream = RIG.upstream();
    static final Path WORK_DIR = RIG.workDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RIG.register(registry, true);
        registry.add(
                "onestore.index.prefix", () -> ElasticsearchTestServer.indexPrefix(AuthorEnrichmentEndToEndTest.class));
        registry.add(
                "onestore.ingest.spool-dir", () -> WORK_DIR.resolve("spool").toString());
        registry.add("onestore.sources.instagram.mode", () -> "web");
        registry.add("onestore.sources.instagram.base-url", upstream::baseUrl);
        // Regression: with a second platform's fetcher beside Instagram's (as in the demo), enrichment asked Spring
        // for the one TargetFetcher, found several and failed every cycle; it routes by platform like the cycle now.
        registry.add("onestore.sources.mastodon.servers", upstream::baseUrl);
        registry.add("onestore.sources.instagram.budget.calls-per-window", () -> "20");
        registry.add("onestore.enrich.budget-share", () -> "0.3");
        registry.add("onestore.enrich.max-per-cycle", () -> "2");
        registry.add("onestore.enrich.refresh-after", () -> "7d");
        // The recorded posts are a year older than the rig's clock.
        registry.add("onestore.enrich.lookback", () -> "1000d");
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
    AccountPool pool;

    @Autowired
    MeterRegistry meters;

    int profilesSeen;

    @AfterAll
    static void stopUpstream() {
        upstream.stop();
    }

    @Test
    void theTopAuthorsAreEnrichedNewOnesFirstOncePerPeriodWithinTheShare() throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);
        upstream.stubFor(get(urlPathEqualTo(TAG_PATH))
                .withQueryParam("tag_name", equalTo("nike"))
                .willReturn(okJson(Fixtures.text("web/tag-nike.json"))));
        FOLLOWERS.forEach(AuthorEnrichmentEndToEndTest::answerProfile);
        upstream.stubFor(get(urlPathEqualTo(PROFILE_PATH))
                .withQueryParam("username", equalTo("quiet.one"))
                .willReturn(notFound()));

        assertThat(run().fetched()).isEqualTo(1);
        assertThat(profileRequests())
                .as("cycle 1: the top two by engagement")
                .containsExactly("sneakerhead", "runner.jo");

        assertThat(run().fetched()).isEqualTo(1);
        assertThat(profileRequests()).as("cycle 2: the next two").containsExactly("tokyo.walks", "jane.q");

        assertThat(run().fetched()).isEqualTo(1);
        assertThat(profileRequests()).as("cycle 3: quiet.one, refused").containsExactly("quiet.one");

        assertThat(run().fetched()).isEqualTo(1);
        assertThat(profileRequests())
                .as("cycle 4: everyone enriched or refused within the period")
                .isEmpty();

        for (Map.Entry<String, Long> author : FOLLOWERS.entrySet()) {
            assertThat(latestSnapshot(author.getKey()).followers())
                    .as("followers of @%s", author.getKey())
                    .isEqualTo(author.getValue());
        }

        // Eight days on, everyone is due again, quiet.one first (never captured: new ones first), but the window's
        // share of 6 has one fetch left.
        ((TestClock) clock).advance(Duration.ofDays(8));
        assertThat(run().fetched()).isEqualTo(1);
        assertThat(profileRequests()).as("after the period, within the share").containsExactly("quiet.one");
        assertThat(meters.counter("onestore.enrich.authors", "outcome", "budget_spent")
                        .count())
                .isEqualTo(1);
        assertThat(meters.counter("onestore.enrich.authors", "outcome", "rejected")
                        .count())
                .isEqualTo(2);

        // Six profiles, and with the tag pages the capture walk reads, never more than the account's 20 calls; nor
        // was it ever rested. (The Mastodon server shares the mock: only Instagram's paths count.)
        List<String> instagram = upstream.getAllServeEvents().stream()
                .map(e -> e.getRequest().getUrl())
                .filter(url -> url.startsWith(TAG_PATH) || url.startsWith(PROFILE_PATH))
                .toList();
        assertThat(instagram).filteredOn(url -> url.startsWith(PROFILE_PATH)).hasSize(6);
        assertThat(instagram).hasSizeLessThanOrEqualTo(20);
        assertThat(pool.view()).allSatisfy(a -> assertThat(a.state()).isEqualTo(AccountState.AVAILABLE));
    }

    private CycleReport run() throws IOException {
        // Leases are read back from the targets index: the previous cycle's completion must be visible.
        client.indices().refresh(r -> r.index(names.targets()));
        CycleReport report = cycle.run();
        ((TestClock) clock).advance(MockUpstreamRig.INTERVAL);
        return report;
    }

    /** The usernames asked for since the last call, in the order asked. */
    private List<String> profileRequests() {
        List<String> asked = upstream.findAll(getRequestedFor(urlPathEqualTo(PROFILE_PATH))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(r -> r.queryParameter("username").firstValue())
                .toList();
        List<String> since = asked.subList(profilesSeen, asked.size());
        profilesSeen = asked.size();
        return since;
    }

    private static void answerProfile(String username, long followers) {
        ObjectNode body = (ObjectNode) Fixtures.json("web/profile-nike.json").deepCopy();
        ObjectNode user = (ObjectNode) body.path("data").path("user");
        user.put("username", username);
        user.put("id", "id-" + username);
        ((ObjectNode) user.path("edge_followed_by")).put("count", followers);
        ObjectNode media = (ObjectNode) user.path("edge_owner_to_timeline_media");
        media.put("count", 0);
        media.putArray("edges");
        upstream.stubFor(get(urlPathEqualTo(PROFILE_PATH))
                .withQueryParam("username", equalTo(username))
                .willReturn(okJson(body.toString())));
    }

    private ProfileSnapshotDocument latestSnapshot(String username) throws IOException {
        client.indices().refresh(r -> r.index(names.profileSnapshots()));
        var hits = client.search(
                        s -> s.index(names.profileSnapshots())
                                .query(q -> q.term(t -> t.field("username").value(username)))
                                .sort(o -> o.field(f -> f.field("captured_at")
                                        .order(co.elastic.clients.elasticsearch._types.SortOrder.Desc)))
                                .size(1),
                        ProfileSnapshotDocument.class)
                .hits()
                .hits();
        assertThat(hits).as("a snapshot of @%s", username).isNotEmpty();
        return hits.get(0).source();
    }
}
