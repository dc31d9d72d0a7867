package io.onestore.ingestor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.IndexCounts;
import io.onestore.ingestor.IngestTestSettings;
import io.onestore.ingestor.TcpProxy;
import io.onestore.ingestor.TestClock;
import io.onestore.ingestor.capture.ScriptedTargetFetcher;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.targets.Target;
import io.onestore.ingestor.targets.TargetLeases;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cycles against the real Elasticsearch, with the upstream replaced by {@link ScriptedTargetFetcher}. */
class IngestCycleTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration INTERVAL = IngestTestSettings.INTERVAL;

    static ElasticsearchClient client;
    static IndexNames names;
    static IndexCounts counts;

    final TestClock clock = new TestClock(T0);
    final ScriptedTargetFetcher fetcher = new ScriptedTargetFetcher();

    @TempDir
    Path spoolDir;

    @BeforeAll
    static void installContract() {
        client = ElasticsearchTestServer.global().newClient(ContractJson.configure(new ObjectMapper()));
        names = new IndexNames(ElasticsearchTestServer.indexPrefix(IngestCycleTest.class));
        new IndexBootstrap(client, names).installAll();
        counts = new IndexCounts(client);
    }

    @AfterEach
    void emptyIndices() {
        counts.deleteAll(names);
    }

    @AfterAll
    static void close() throws IOException {
        client._transport().close();
    }

    @Test
    void fileAndCampaignTargetsAreFetchedOncePerInterval() throws IOException {
        TargetDocument campaign = new TargetDocument(
                TargetDocument.Kind.HASHTAG,
                "charlie",
                List.of(Platform.INSTAGRAM),
                List.of("campaign-1"),
                T0,
                T0,
                null,
                null,
                null,
                null);
        TargetDocument orphan = new TargetDocument(
                TargetDocument.Kind.HASHTAG, "orphan", List.of(), List.of(), T0, T0, null, null, null, null);
        for (TargetDocument target : List.of(campaign, orphan)) {
            client.index(i -> i.index(names.targets()).id(target.id()).document(target));
        }
        List<Target> file = List.of(Target.hashtag("alpha"), Target.profile("bravo"));

        try (BulkIndexer indexer = indexer("a")) {
            IngestCycle cycle = cycle("replica-a", indexer, file);

            CycleReport first = runRefreshed(cycle);
            assertThat(first.due()).isEqualTo(3);
            assertThat(first.fetched()).isEqualTo(3);
            assertThat(first.failed()).isZero();
            assertThat(first.documentsIndexed()).isEqualTo(5 + 5 + 1); // 2 posts, 2 metrics, 1 snapshot per tag

            clock.advance(Duration.ofSeconds(30));
            assertThat(runRefreshed(cycle).due())
                    .as("nothing is due within the interval")
                    .isZero();

            clock.advance(INTERVAL);
            CycleReport next = runRefreshed(cycle);
            assertThat(next.due()).isEqualTo(3);
        }

        assertThat(fetcher.fetches(Target.hashtag("alpha"))).isEqualTo(2);
        assertThat(fetcher.fetches(Target.profile("bravo"))).isEqualTo(2);
        assertThat(fetcher.fetches(Target.hashtag("charlie"))).isEqualTo(2);
        assertThat(fetcher.fetches(Target.hashtag("orphan"))).isZero();
        assertThat(counts.all(names.posts())).isEqualTo(4);
        assertThat(counts.all(names.postMetrics())).isEqualTo(8);
        assertThat(counts.all(names.tagSnapshots())).isEqualTo(4);
        assertThat(counts.all(names.profileSnapshots())).isEqualTo(2);
        TargetDocument alpha = target("hashtag:alpha");
        assertThat(alpha.lastFetchedAt()).isEqualTo(T0.plusSeconds(30).plus(INTERVAL));
        assertThat(alpha.lastOutcome()).isEqualTo("ok");
        assertThat(alpha.leaseOwner()).isNull();
    }

    @Test
    void aFailedTargetStaysDueAndIsFetchedAgainAtTheNextTick() throws IOException {
        fetcher.fail("flaky");
        List<Target> file = List.of(Target.hashtag("steady"), Target.hashtag("flaky"));

        try (BulkIndexer indexer = indexer("a")) {
            IngestCycle cycle = cycle("replica-a", indexer, file);
            CycleReport first = runRefreshed(cycle);
            assertThat(first.due()).isEqualTo(2);
            assertThat(first.failed()).isEqualTo(1);
            assertThat(target("hashtag:flaky").lastOutcome()).isEqualTo("transient");
            assertThat(target("hashtag:flaky").lastFetchedAt()).isNull();

            clock.advance(Duration.ofSeconds(30));
            CycleReport second = runRefreshed(cycle);
            assertThat(second.due()).isEqualTo(1);
            assertThat(second.failed()).isEqualTo(1);

            fetcher.succeed("flaky");
            clock.advance(Duration.ofSeconds(30));
            CycleReport third = runRefreshed(cycle);
            assertThat(third.due()).isEqualTo(1);
            assertThat(third.fetched()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(30));
            assertThat(runRefreshed(cycle).due()).isZero();
        }
        assertThat(fetcher.fetches(Target.hashtag("flaky"))).isEqualTo(3);
        assertThat(fetcher.fetches(Target.hashtag("steady"))).isEqualTo(1);
        assertThat(counts.where(names.posts(), "found_in_tags", "flaky")).isEqualTo(2);
    }

    @Test
    void twoReplicasOverTheSameTargetsFetchEachTargetExactlyOncePerInterval() throws Exception {
        List<Target> file = List.of("t1", "t2", "t3", "t4", "t5", "t6").stream()
                .map(Target::hashtag)
                .toList();
        try (BulkIndexer indexerA = indexer("a");
                BulkIndexer indexerB = indexer("b")) {
            IngestCycle replicaA = cycle("replica-a", indexerA, file);
            IngestCycle replicaB = cycle("replica-b", indexerB, file);
            // Registered up front so both replicas see every target from the first round on and race for them.
            new TargetLeases(client, names, INTERVAL, INTERVAL, "setup", 1000).register(file, T0);
            for (int round = 1; round <= 2; round++) {
                refreshTargets();
                CompletableFuture<CycleReport> a = CompletableFuture.supplyAsync(replicaA::run);
                CompletableFuture<CycleReport> b = CompletableFuture.supplyAsync(replicaB::run);

                assertThat(a.get().due() + b.get().due()).isEqualTo(file.size());
                for (Target target : file) {
                    assertThat(fetcher.fetches(target))
                            .as("%s in round %d", target, round)
                            .isEqualTo(round);
                }
                clock.advance(INTERVAL);
            }
        }
        assertThat(counts.all(names.posts())).isEqualTo(12);
        assertThat(counts.all(names.postMetrics())).isEqualTo(24);
        assertThat(counts.all(names.tagSnapshots())).isEqualTo(12);
    }

    @Test
    void elasticsearchCutOffMidCycleEndsWithTheCountsOfACycleWithoutTheCut() throws Exception {
        List<Target> file = List.of(Target.hashtag("m1"), Target.hashtag("m2"), Target.hashtag("m3"));
        ObjectMapper mapper = ContractJson.configure(new ObjectMapper());
        try (TcpProxy proxy = new TcpProxy(ElasticsearchTestServer.global().url())) {
            RestClient rest = RestClient.builder(HttpHost.create(proxy.url())).build();
            ElasticsearchClient proxied =
                    new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(mapper)));
            AtomicInteger fetches = new AtomicInteger();
            fetcher.beforeFetch(target -> {
                if (fetches.incrementAndGet() == 2) {
                    proxy.cut();
                }
            });
            try (BulkIndexer indexer = new BulkIndexer(
                    proxied, names, IngestTestSettings.of(spoolDir, 4), new SimpleMeterRegistry(), clock)) {
                TargetLeases leases = new TargetLeases(proxied, names, INTERVAL, INTERVAL, "replica-a", 1000);
                IngestCycle cycle = new IngestCycle(
                        () -> fetcher,
                        leases,
                        indexer,
                        () -> true,
                        () -> file,
                        1,
                        INTERVAL,
                        clock,
                        new SimpleMeterRegistry());

                CycleReport report = cycle.run();
                assertThat(report.fetched()).isEqualTo(3);
                assertThat(report.spooled()).isPositive();
                assertThat(indexer.isPaused()).isTrue();
                assertThat(cycle.run().skipped())
                        .as("fetches nothing while paused")
                        .isNotNull();

                proxy.restore();
                await().atMost(Duration.ofSeconds(60)).until(() -> indexer.isIdle() && !indexer.isPaused());
            } finally {
                proxied._transport().close();
            }
        }
        assertThat(counts.all(names.posts())).isEqualTo(6);
        assertThat(counts.all(names.postMetrics())).isEqualTo(6);
        assertThat(counts.all(names.tagSnapshots())).isEqualTo(3);
        assertThat(counts.all(names.deadletter())).isZero();
    }

    private CycleReport runRefreshed(IngestCycle cycle) throws IOException {
        // Searches are near-real-time; leases stay correct without this (a stale read loses on if_seq_no), but the
        // test wants every target the previous cycle completed to be visible.
        refreshTargets();
        return cycle.run();
    }

    private void refreshTargets() throws IOException {
        client.indices().refresh(r -> r.index(names.targets()));
    }

    private BulkIndexer indexer(String replica) {
        return new BulkIndexer(
                client, names, IngestTestSettings.of(spoolDir.resolve(replica)), new SimpleMeterRegistry(), clock);
    }

    private IngestCycle cycle(String owner, BulkIndexer indexer, List<Target> fileTargets) {
        TargetLeases leases = new TargetLeases(client, names, INTERVAL, INTERVAL, owner, 1000);
        return new IngestCycle(
                () -> fetcher,
                leases,
                indexer,
                () -> true,
                () -> fileTargets,
                2,
                INTERVAL,
                clock,
                new SimpleMeterRegistry());
    }

    private TargetDocument target(String id) throws IOException {
        return client.get(g -> g.index(names.targets()).id(id), TargetDocument.class)
                .source();
    }
}
