package io.onestore.ingestor.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.testsupport.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccountPoolTest {

    static final Instant START = Instant.parse("2025-11-26T12:00:00Z");
    static final SourceSettings.Cooldown COOLDOWN =
            new SourceSettings.Cooldown(Duration.ofMinutes(15), Duration.ofMinutes(10));

    final TestClock clock = new TestClock(START);

    AccountPool pool(int callsPerWindow, int hashtagQuota, boolean graph, Account... accounts) {
        return new AccountPool(
                List.of(accounts),
                new SourceSettings.Budget(callsPerWindow, Duration.ofHours(1), hashtagQuota, Duration.ofDays(7)),
                COOLDOWN,
                graph,
                clock);
    }

    static Account account(String id) {
        return new Account(id, "token-of-" + id, "178414000000" + id.length());
    }

    String acquire(AccountPool pool, String hashtag) {
        return pool.acquire(Set.of(), hashtag).map(Account::id).orElse(null);
    }

    AccountState state(AccountPool pool, String id) {
        return pool.view().stream()
                .filter(v -> v.id().equals(id))
                .findFirst()
                .orElseThrow()
                .state();
    }

    @Test
    void picksTheLeastRecentlyUsedAccount() {
        AccountPool pool = pool(200, 30, false, account("a"), account("b"), account("c"));

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(acquire(pool, null));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(order).containsExactly("a", "b", "c", "a", "b");
    }

    @Test
    void skipsAccountsAlreadyTriedForTheTarget() {
        AccountPool pool = pool(200, 30, false, account("a"), account("b"));

        assertThat(pool.acquire(Set.of("a"), null)).map(Account::id).contains("b");
        assertThat(pool.acquire(Set.of("a", "b"), null)).isEmpty();
        assertThat(pool.whyNone(Set.of("a", "b"), null)).contains("2 tried");
    }

    @Test
    void anAccountWithoutCallBudgetIsExhaustedAndNotPicked() {
        AccountPool pool = pool(2, 30, false, account("a"));

        assertThat(acquire(pool, null)).isEqualTo("a");
        assertThat(pool.spendCall(account("a"))).isTrue();

        assertThat(acquire(pool, null)).isNull();
        assertThat(pool.spendCall(account("a"))).isFalse();
        assertThat(state(pool, "a")).isEqualTo(AccountState.EXHAUSTED);
        assertThat(pool.countByState()).containsEntry(AccountState.EXHAUSTED, 1L);
    }

    @Test
    void rateLimitHonoursRetryAfterAndFallsBackToTheConfiguredCooldown() {
        AccountPool pool = pool(200, 30, false, account("a"), account("b"));

        pool.report(account("a"), new FetchOutcome.RateLimited<>(Duration.ofSeconds(90), "HTTP 429"));
        pool.report(account("b"), new FetchOutcome.RateLimited<>(null, "HTTP 429"));

        assertThat(acquire(pool, null)).isNull();
        clock.advance(Duration.ofSeconds(91));
        assertThat(acquire(pool, null)).isEqualTo("a");
        assertThat(state(pool, "b")).isEqualTo(AccountState.COOLING_DOWN);
        clock.advance(Duration.ofMinutes(15));
        assertThat(state(pool, "b")).isEqualTo(AccountState.AVAILABLE);
    }

    @Test
    void pleaseWaitRestsTheAccountForThePleaseWaitPause() {
        AccountPool pool = pool(200, 30, false, account("a"));

        pool.report(account("a"), new FetchOutcome.PleaseWait<>("please wait"));

        assertThat(pool.view().get(0).coolingUntil()).isEqualTo(START.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aLoginWallTakesTheAccountOutOfRotationForGood() {
        AccountPool pool = pool(200, 30, false, account("a"), account("b"));

        pool.report(account("a"), new FetchOutcome.LoginWall<>("checkpoint_required (HTTP 400)"));
        clock.advance(Duration.ofDays(30));

        assertThat(state(pool, "a")).isEqualTo(AccountState.OUT_OF_ROTATION);
        assertThat(pool.inRotation()).extracting(Account::id).containsExactly("b");
        assertThat(acquire(pool, null)).isEqualTo("b");
        assertThat(acquire(pool, null)).isEqualTo("b");
    }

    @Test
    void graphAccountsWithoutAnIgUserIdStartOutOfRotation() {
        AccountPool pool = pool(200, 30, true, new Account("a", "t", null), account("b"));

        assertThat(state(pool, "a")).isEqualTo(AccountState.OUT_OF_ROTATION);
        assertThat(pool.view().get(0).outOfRotationReason()).contains("ig-user-id");
    }

    @Test
    void hashtagQuotaIsNeverExceededAndAHashtagStaysWithItsAccount() {
        AccountPool pool = pool(200, 2, true, account("a"), account("bb"));

        assertThat(acquire(pool, "t1")).isEqualTo("a");
        clock.advance(Duration.ofSeconds(1));
        assertThat(acquire(pool, "t2")).isEqualTo("bb");
        clock.advance(Duration.ofSeconds(1));
        assertThat(acquire(pool, "t3")).isEqualTo("a");
        clock.advance(Duration.ofSeconds(1));
        assertThat(acquire(pool, "t4")).isEqualTo("bb");
        clock.advance(Duration.ofSeconds(1));
        // Both accounts hold two hashtags: a fifth fits nowhere...
        assertThat(acquire(pool, "t5")).isNull();
        assertThat(pool.whyNone(Set.of(), "t5")).contains("2 without hashtag quota");
        // ...while the held ones go back to their account even when the other was used less recently.
        assertThat(acquire(pool, "t1")).isEqualTo("a");
        clock.advance(Duration.ofSeconds(1));
        assertThat(acquire(pool, "t1")).isEqualTo("a");
        assertThat(acquire(pool, "t2")).isEqualTo("bb");
        assertThat(pool.view()).allSatisfy(v -> assertThat(v.hashtagsInWindow()).isEqualTo(2));

        clock.advance(Duration.ofDays(7));
        assertThat(acquire(pool, "t5")).isNotNull();
    }

    @Test
    void hashtagsTheUpstreamReportsAsRecentlySearchedCount() {
        AccountPool pool = pool(200, 2, true, account("a"), account("bb"));

        pool.seedHashtags(account("a"), List.of("nike", "adidas"));

        assertThat(acquire(pool, "puma")).isEqualTo("bb");
        assertThat(acquire(pool, "nike")).isEqualTo("a");
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheBudgetOrTheQuota() throws Exception {
        AccountPool pool = pool(50, 5, true, account("a"), account("bb"), account("ccc"));
        Map<String, Set<String>> tagsByAccount = new ConcurrentHashMap<>();
        AtomicInteger granted = new AtomicInteger();
        runWorkers(8, seed -> {
            for (int i = 0; i < 100; i++) {
                String tag = "tag" + ((seed * 31 + i * 7) % 40);
                Optional<Account> account = pool.acquire(Set.of(), tag);
                account.ifPresent(a -> {
                    granted.incrementAndGet();
                    tagsByAccount
                            .computeIfAbsent(a.id(), id -> Collections.newSetFromMap(new ConcurrentHashMap<>()))
                            .add(tag);
                });
            }
        });

        assertThat(granted.get()).isLessThanOrEqualTo(150);
        assertThat(tagsByAccount.values()).allSatisfy(tags -> assertThat(tags).hasSizeLessThanOrEqualTo(5));
        assertThat(pool.view()).allSatisfy(v -> assertThat(v.hashtagsInWindow()).isLessThanOrEqualTo(5));
    }

    @Test
    void concurrentCallersShareTheBudgetExactly() throws Exception {
        AccountPool pool = pool(50, 30, false, account("a"), account("bb"), account("ccc"));
        AtomicInteger granted = new AtomicInteger();
        runWorkers(8, worker -> {
            for (int i = 0; i < 100; i++) {
                pool.acquire(Set.of(), null).ifPresent(a -> granted.incrementAndGet());
            }
        });

        assertThat(granted.get()).isEqualTo(150);
        assertThat(pool.countByState()).containsEntry(AccountState.EXHAUSTED, 3L);
    }

    /**
     * Runs {@code workers} callers at once and fails with the first worker's failure: an assertion or exception in a
     * worker thread must fail the test, not vanish in an unread future.
     */
    private static void runWorkers(int workers, IntConsumer body) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Void>> done = threads.invokeAll(IntStream.range(0, workers)
                    .<Callable<Void>>mapToObj(worker -> () -> {
                        body.accept(worker);
                        return null;
                    })
                    .toList());
            for (Future<Void> worker : done) {
                try {
                    worker.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException failed) {
                    throw new AssertionError("a worker failed", failed.getCause());
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
