package io.onestore.ingestor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.ContractIndices;
import io.onestore.ingestor.IndexCounts;
import io.onestore.ingestor.IngestTestSettings;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.ScriptedTargetFetcher;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.enrich.CaptureFollowUp;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.targets.CaptureCapacity;
import io.onestore.ingestor.targets.CoverageBook;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.Target;
import io.onestore.ingestor.targets.TargetLeases;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Cycles over more due targets than the account pool can serve, against the real Elasticsearch and the real
 * {@link AccountPool}: a cycle leases no more than the pool's calls, in pages, campaign and most overdue targets
 * first, and a target it does not start is neither failed nor gapped: it simply stays due.
 */
class CycleWithinBudgetTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration INTERVAL = IngestTestSettings.INTERVAL;

    static ContractIndices contract;
    static ElasticsearchClient client;
    static IndexNames names;
    static IndexCounts counts;

    final TestClock clock = new TestClock(T0);
    final ScriptedTargetFetcher scripted = new ScriptedTargetFetcher();

    @TempDir
    Path spoolDir;

    @BeforeAll
    static void installContract() {
        contract = ContractIndices.install(CycleWithinBudgetTest.class);
        client = contract.client();
        names = contract.names();
        counts = contract.counts();
    }

    @AfterEach
    void emptyIndices() {
        counts.deleteAll(names);
    }

    @AfterAll
    static void close() throws IOException {
        contract.close();
    }

    @Test
    void aCycleLeasesNoMoreThanThePoolCanServeCampaignAndMostOverdueFirst() throws IOException {
        // Ten file targets, due since they were created a minute apart; a campaign target created last.
        List<Target> file = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            Target target = Target.hashtag("due%02d".formatted(i));
            file.add(target);
            store(TargetDocument.watch(
                    TargetDocument.Kind.HASHTAG,
                    target.value(),
                    List.of(Platform.INSTAGRAM),
                    List.of(),
                    T0.minus(Duration.ofMinutes(i))));
        }
        store(TargetDocument.watch(
                TargetDocument.Kind.HASHTAG, "campaign", List.of(Platform.INSTAGRAM), List.of("campaign-1"), T0));
        // Mastodon is not paced by the Instagram pool: its target is leased however spent the pool is.
        Target fediverse = new Target(TargetDocument.Kind.HASHTAG, "fediverse", Platform.MASTODON);
        file.add(fediverse);
        AccountPool pool = pool(2, 3);
        PoolFetcher fetcher = new PoolFetcher(pool);

        try (BulkIndexer indexer = indexer()) {
            CycleReport report = runRefreshed(cycle(fetcher, indexer, file, pool, 1));

            assertThat(report.due())
                    .as("six calls: six Instagram targets, and the Mastodon one")
                    .isEqualTo(7);
            assertThat(report.fetched()).isEqualTo(7);
            assertThat(report.failed()).isZero();
            assertThat(report.deferred()).isEqualTo(5);
        }
        assertThat(pool.callsAvailable()).isZero();
        assertThat(fetcher.noAccount)
                .as("no fetch was started without an account")
                .isEmpty();
        assertThat(fetcher.fetched.keySet())
                .containsExactlyInAnyOrder(
                        Target.hashtag("campaign"),
                        Target.hashtag("due10"),
                        Target.hashtag("due09"),
                        Target.hashtag("due08"),
                        Target.hashtag("due07"),
                        Target.hashtag("due06"),
                        fediverse);
        for (int i = 1; i <= 5; i++) {
            TargetDocument waiting = target("hashtag:due%02d".formatted(i));
            assertThat(waiting.leaseOwner()).as("never leased").isNull();
            assertThat(waiting.lastOutcome()).as("not failed").isNull();
            assertThat(waiting.lastFetchedAt()).as("still due").isNull();
        }
        assertThat(target("hashtag:due06").lastOutcome()).isEqualTo("ok");
        assertThat(counts.all(names.coverageGaps()))
                .as("nothing gapped for want of an account")
                .isZero();
    }

    @Test
    void leasesArePagedAndEachPageSeesTheCallsThePreviousLeft() throws IOException {
        int targets = IngestCycle.LEASE_PAGE * 2 + 100;
        int calls = IngestCycle.LEASE_PAGE * 2 + 50;
        List<Target> file = IntStream.rangeClosed(1, targets)
                .mapToObj(i -> Target.profile("p%05d".formatted(i)))
                .toList();
        AccountPool pool = pool(1, calls);
        PoolFetcher fetcher = new PoolFetcher(pool);
        // Each fetch moves the clock on, so each page starts (and captures) at its own instant.
        scripted.beforeFetch(target -> clock.advance(Duration.ofMillis(1)));

        try (BulkIndexer indexer = indexer()) {
            CycleReport report = runRefreshed(cycle(fetcher, indexer, file, pool, 4));

            assertThat(report.due()).isEqualTo(calls);
            assertThat(report.deferred()).isEqualTo(targets - calls);
            assertThat(report.failed()).isZero();
        }
        Map<Instant, Integer> pages = new TreeMap<>();
        fetcher.capturedAt.values().forEach(at -> pages.merge(at, 1, Integer::sum));
        assertThat(pages.values())
                .as("pages of at most %d; the last holds what the pool had left", IngestCycle.LEASE_PAGE)
                .containsExactly(IngestCycle.LEASE_PAGE, IngestCycle.LEASE_PAGE, 50);
        assertThat(fetcher.noAccount).isEmpty();
        assertThat(counts.where(names.targets(), "last_outcome", "ok")).isEqualTo(calls);
    }

    @Test
    void aCaptureThatSpendsMoreCallsLeavesTheRestDueNotFailed() throws IOException {
        List<Target> file = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> Target.hashtag("deep%d".formatted(i)))
                .toList();
        AccountPool pool = pool(1, 5);
        PoolFetcher fetcher = new PoolFetcher(pool);
        fetcher.extraCalls.put(Target.hashtag("deep1"), 1); // reads two pages

        try (BulkIndexer indexer = indexer()) {
            CycleReport report = runRefreshed(cycle(fetcher, indexer, file, pool, 1));

            assertThat(report.due()).as("leased for the five calls").isEqualTo(5);
            assertThat(report.fetched()).isEqualTo(4);
            assertThat(report.failed()).isZero();
            assertThat(report.deferred()).isEqualTo(1);
        }
        assertThat(fetcher.noAccount).hasSize(1);
        TargetDocument given =
                target("hashtag:" + fetcher.noAccount.iterator().next().value());
        assertThat(given.leaseOwner()).as("its lease is given back").isNull();
        assertThat(given.lastOutcome()).as("not marked failed").isNull();
        assertThat(given.lastFetchedAt()).as("still due").isNull();

        // Once the pool has calls again, the deferred target is the first served.
        clock.advance(Duration.ofSeconds(1));
        AccountPool refilled = pool(1, 1);
        PoolFetcher next = new PoolFetcher(refilled);
        try (BulkIndexer indexer = indexer()) {
            CycleReport report = runRefreshed(cycle(next, indexer, file, refilled, 1));
            assertThat(report.fetched()).isEqualTo(1);
        }
        assertThat(next.fetched.keySet()).containsExactlyElementsOf(fetcher.noAccount);
    }

    /** The pool's side of a capture as the Instagram fetcher has it: one call to start, more for further pages. */
    private final class PoolFetcher implements TargetFetcher {
        final AccountPool pool;
        final Map<Target, Integer> extraCalls = new ConcurrentHashMap<>();
        final Map<Target, Instant> capturedAt = new ConcurrentHashMap<>();
        final Map<Target, Boolean> fetched = new ConcurrentHashMap<>();
        final Set<Target> noAccount = ConcurrentHashMap.newKeySet();

        PoolFetcher(AccountPool pool) {
            this.pool = pool;
        }

        @Override
        public Mono<CaptureResult> fetch(Target target, Instant at, CoverageOrder order) {
            if (target.platform() != Platform.INSTAGRAM) {
                fetched.put(target, true);
                return scripted.fetch(target, at, order);
            }
            Optional<Account> account = pool.acquire(Set.of(), null);
            if (account.isEmpty()) {
                noAccount.add(target);
                return Mono.just(new CaptureResult.Failed(
                        target, PageFetch.NO_ACCOUNT, pool.whyNone(Set.of(), null), List.of()));
            }
            for (int i = 0; i < extraCalls.getOrDefault(target, 0); i++) {
                pool.spendCall(account.get());
            }
            fetched.put(target, true);
            capturedAt.put(target, at);
            return scripted.fetch(target, at, order);
        }
    }

    private AccountPool pool(int accounts, int callsPerAccount) {
        List<Account> all = IntStream.rangeClosed(1, accounts)
                .mapToObj(i -> new Account("acct-" + i, "token-" + i, null))
                .toList();
        return new AccountPool(
                all,
                new SourceSettings.Budget(callsPerAccount, Duration.ofHours(1), 30, Duration.ofDays(7)),
                new SourceSettings.Cooldown(Duration.ofMinutes(15), Duration.ofMinutes(10)),
                false,
                clock);
    }

    private IngestCycle cycle(
            TargetFetcher fetcher, BulkIndexer indexer, List<Target> file, AccountPool pool, int concurrency) {
        CaptureCapacity capacity = platform ->
                platform == Platform.INSTAGRAM ? OptionalInt.of(pool.callsAvailable()) : OptionalInt.empty();
        return new IngestCycle(
                () -> fetcher,
                new TargetLeases(client, names, INTERVAL, INTERVAL, "replica-a", 5000),
                indexer,
                () -> true,
                () -> file,
                concurrency,
                INTERVAL,
                clock,
                new SimpleMeterRegistry(),
                new CoverageBook(client, names, 5, Duration.ZERO, 0, Duration.ofDays(1), null),
                CaptureFollowUp.NONE,
                capacity);
    }

    private CycleReport runRefreshed(IngestCycle cycle) throws IOException {
        client.indices().refresh(r -> r.index(names.targets()));
        CycleReport report = cycle.run();
        client.indices().refresh(r -> r.index(names.targets()));
        return report;
    }

    private BulkIndexer indexer() {
        return new BulkIndexer(client, names, IngestTestSettings.of(spoolDir), new SimpleMeterRegistry(), clock);
    }

    private void store(TargetDocument document) throws IOException {
        client.index(i -> i.index(names.targets()).id(document.id()).document(document));
    }

    private TargetDocument target(String id) throws IOException {
        return client.get(g -> g.index(names.targets()).id(id), TargetDocument.class)
                .source();
    }
}
