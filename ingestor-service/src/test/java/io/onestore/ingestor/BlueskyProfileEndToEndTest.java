package io.onestore.ingestor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.onestore.ingestor.index.IndexInstaller;
import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.schedule.IngestCycle;
import io.onestore.ingestor.schedule.JetstreamConsumer;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bluesky profiles through the whole ingestor against the real Elasticsearch: the stream (a recorded Jetstream)
 * matches the posts of a profile watched by handle, resolved to its DID over a WireMock AppView; a cycle takes the
 * profile's snapshot ({@code getProfile}); author enrichment takes the snapshots of the watched hashtag's authors
 * ({@code getProfiles}). A handle that does not resolve, a profile not found, a 429 and a malformed answer each fail
 * only what they touch: nothing crashes, no target is dropped, the malformed answer is dead-lettered. One scenario,
 * since the stream's position lives in the consumer bean for the context's life.
 */
@SpringBootTest
@Import(MockUpstreamRig.HandMovedClock.class)
class BlueskyProfileEndToEndTest {

    static final String RUNNER = "did:plc:eygmaihciaxprqvxpfvl6flk";
    static final String OTHER = "did:plc:ragtjsm2j2vknwkz3zp4oxrd";
    static final MockUpstreamRig RIG =
            new MockUpstreamRig("#nike bluesky\n@runner.bsky.social bluesky\n@ghost.bsky.social bluesky\n", "");
    static final RecordedJetstream jetstream = new RecordedJetstream(
            Fixtures.read("bluesky/jetstream-profile.jsonl").lines().toList());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RIG.register(registry, true);
        registry.add(
                "onestore.index.prefix", () -> ElasticsearchTestServer.indexPrefix(BlueskyProfileEndToEndTest.class));
        registry.add(
                "onestore.ingest.spool-dir",
                () -> RIG.workDir().resolve("spool").toString());
        registry.add("onestore.sources.bluesky.endpoints", jetstream::url);
        registry.add("onestore.sources.bluesky.batch-size", () -> "3");
        registry.add("onestore.sources.bluesky.batch-interval", () -> "100ms");
        registry.add("onestore.sources.bluesky.coverage-interval", () -> "0s");
        registry.add(
                "onestore.sources.bluesky.appview.url", () -> RIG.upstream().baseUrl());
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
    TestClock clock;

    @Autowired
    JetstreamConsumer consumer;

    IndexCounts counts;
    WireMockServer appView = RIG.upstream();

    @BeforeEach
    void stubTheAppView() throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);
        counts = new IndexCounts(client);
        counts.deleteAll(names);
        appView.resetAll();
        jetstream.reset();
        stub(
                "/xrpc/com.atproto.identity.resolveHandle",
                "handle",
                "runner.bsky.social",
                200,
                "{\"did\":\"" + RUNNER + "\"}");
        stub(
                "/xrpc/com.atproto.identity.resolveHandle",
                "handle",
                "ghost.bsky.social",
                400,
                "{\"error\":\"InvalidRequest\",\"message\":\"Unable to resolve handle\"}");
        stub(
                "/xrpc/app.bsky.actor.getProfile",
                "actor",
                "runner.bsky.social",
                200,
                "{\"did\":\"" + RUNNER + "\",\"handle\":\"runner.bsky.social\",\"displayName\":\"Runs a lot\","
                        + "\"followersCount\":1840,\"followsCount\":312,\"postsCount\":2210,\"labels\":[],"
                        + "\"indexedAt\":\"2025-10-02T09:14:23.530Z\",\"createdAt\":\"2024-02-07T18:20:11.112Z\"}");
        stub(
                "/xrpc/app.bsky.actor.getProfile",
                "actor",
                "ghost.bsky.social",
                400,
                "{\"error\":\"InvalidRequest\",\"message\":\"Profile not found\"}");
        appView.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.actor.getProfiles"))
                .willReturn(aResponse()
                        .withHeader("content-type", "application/json")
                        .withBody(Fixtures.read("bluesky/appview-get-profiles.json"))));
    }

    @AfterEach
    void stopTheStream() {
        consumer.close();
    }

    private void stub(String path, String param, String value, int status, String body) {
        appView.stubFor(get(urlPathEqualTo(path))
                .withQueryParam(param, equalTo(value))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("content-type", "application/json")
                        .withBody(body)));
    }

    @Test
    void aProfileWatchedByHandleHasItsPostsItsLedgerAndItsFollowersAndTheTagsAuthorsTheirs() throws IOException {
        var first = cycle.run();
        assertThat(first.failed()).as("@ghost: Profile not found, and only it").isEqualTo(1);
        assertThat(snapshot(RUNNER).path("followers").asLong()).isEqualTo(1840);
        assertThat(snapshot(RUNNER).path("username").asText()).isEqualTo("runner.bsky.social");

        consumer.start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jetstream.lastTimeUs().equals(consumer.position()));
        client.indices().refresh(r -> r.index(names.posts()));
        assertThat(storedRkeys())
                .as("the runner's posts with or without tags, #nike's, not the deleted one, not the unwatched author's")
                .containsExactlyInAnyOrder("3lbqxb2prof1", "3lbqxb2prof2", "3lbqxb2prof3", "3lbqxb2prof7");
        assertThat(post("3lbqxb2prof1").path("found_in_tags").size())
                .as("found by its author, not in a tag")
                .isZero();
        assertThat(post("3lbqxb2prof3").path("found_in_tags").toString()).contains("nike");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledger("profile:runner.bsky.social")
                        .path("high_water_mark")
                        .path("post_id")
                        .asText())
                .isEqualTo("at://" + RUNNER + "/app.bsky.feed.post/3lbqxb2prof7"));
        assertThat(ledger("profile:ghost.bsky.social").isEmpty())
                .as("an unresolved handle claims no coverage")
                .isTrue();

        // The next cycle enriches #nike's authors on Bluesky: the runner's snapshot is fresh, the other author's not.
        clock.advance(MockUpstreamRig.INTERVAL);
        // The cycle finds due targets with a search: within a second of the first cycle it would still see their
        // leased versions, fail to lease them (409) and capture nothing.
        client.indices().refresh(r -> r.index(names.targets()));
        cycle.run();
        assertThat(snapshot(OTHER).path("followers").asLong()).isEqualTo(57);
        assertThat(snapshot(OTHER).path("username").asText())
                .as("handle.invalid")
                .isEqualTo(OTHER);
        appView.verify(getRequestedFor(urlPathEqualTo("/xrpc/app.bsky.actor.getProfiles"))
                .withQueryParam("actors", equalTo(OTHER)));
        assertThat(targetIds()).contains("profile:runner.bsky.social", "profile:ghost.bsky.social", "hashtag:nike");
        long snapshots = counts.where(names.profileSnapshots(), "platform", "bluesky");

        // A week on, every snapshot is due again: the profile answers junk, getProfiles a 429.
        stub("/xrpc/app.bsky.actor.getProfile", "actor", "runner.bsky.social", 200, "<html>Bad gateway</html>");
        appView.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.actor.getProfiles"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("content-type", "application/json")
                        .withHeader("ratelimit-limit", "3000")
                        .withHeader("ratelimit-remaining", "0")
                        .withHeader(
                                "ratelimit-reset",
                                String.valueOf(
                                        clock.instant().plus(Duration.ofDays(8)).getEpochSecond()))
                        .withBody("{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}")));
        clock.advance(Duration.ofDays(7).plusMinutes(10));
        client.indices().refresh(r -> r.index(names.targets()));
        var third = cycle.run();

        assertThat(third.failed()).as("@runner malformed, @ghost not found").isEqualTo(2);
        client.indices().refresh(r -> r.index(names.deadletter(), names.profileSnapshots()));
        assertThat(counts.where(names.deadletter(), "source", "bluesky-appview"))
                .as("the malformed profile, kept verbatim")
                .isEqualTo(1);
        assertThat(counts.where(names.profileSnapshots(), "platform", "bluesky"))
                .as("nothing new, nothing lost")
                .isEqualTo(snapshots);
        appView.verify(
                1,
                getRequestedFor(urlPathEqualTo("/xrpc/app.bsky.actor.getProfiles"))
                        .withQueryParam("actors", equalTo(RUNNER)));
        assertThat(targetIds()).contains("profile:runner.bsky.social", "profile:ghost.bsky.social", "hashtag:nike");
    }

    private List<String> storedRkeys() throws IOException {
        client.indices().refresh(r -> r.index(names.posts()));
        return client.search(s -> s.index(names.posts()).size(100), ObjectNode.class).hits().hits().stream()
                .map(h -> h.source().path("native_id").asText())
                .map(uri -> uri.substring(uri.lastIndexOf('/') + 1))
                .toList();
    }

    private List<String> targetIds() throws IOException {
        client.indices().refresh(r -> r.index(names.targets()));
        return client.search(s -> s.index(names.targets()).size(100), ObjectNode.class).hits().hits().stream()
                .map(h -> h.id())
                .collect(Collectors.toList());
    }

    private ObjectNode snapshot(String did) throws IOException {
        client.indices().refresh(r -> r.index(names.profileSnapshots()));
        var hits = client.search(
                        s -> s.index(names.profileSnapshots())
                                .query(q -> q.term(t -> t.field("user_id").value(did))),
                        ObjectNode.class)
                .hits()
                .hits();
        assertThat(hits).as("a snapshot of " + did).isNotEmpty();
        return hits.get(0).source();
    }

    private ObjectNode post(String rkey) throws IOException {
        String uri = jetstream.uriOf(rkey);
        return client.get(g -> g.index(names.posts()).id(DocumentIds.post(Platform.BLUESKY, uri)), ObjectNode.class)
                .source();
    }

    private ObjectNode ledger(String targetId) throws IOException {
        var found = client.get(
                g -> g.index(names.targetCoverage()).id(DocumentIds.targetCoverage(targetId, Platform.BLUESKY)),
                ObjectNode.class);
        return found.found()
                ? found.source()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
}
