package io.onestore.ingestor.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.ContractIndices;
import io.onestore.ingestor.account.SpendCeiling;
import io.onestore.ingestor.account.SpendCeiling.Resource;
import io.onestore.ingestor.config.XSettings;
import io.onestore.ingestor.source.tiktok.ResearchQuota;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetSpendDocument;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spend per target and day in the real Elasticsearch (X's reads, TikTok's quota use): written as it changes, taken up again by a restarted process
 * (so its ceiling still counts the day's reads), and split at midnight UTC under the day each read was billed in.
 */
class SpendBookTest {

    static final XSettings.Spend LIMITS = new XSettings.Spend(10_000, 9_000, 2_000, 1_500, 300);
    static ContractIndices indices;

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T23:59:00Z"));

    @BeforeAll
    static void install() {
        indices = ContractIndices.install(SpendBookTest.class);
    }

    @AfterAll
    static void close() throws IOException {
        indices.close();
    }

    @Test
    void theDaysSpendIsWrittenTakenUpAfterARestartAndSplitAtMidnight() throws IOException {
        SpendCeiling first = ceiling();
        first.record("hashtag:nike", Resource.POSTS, 100);
        first.record("hashtag:nike", Resource.USERS, 87);
        first.record("hashtag:nike", Resource.COUNT_REQUESTS, 1);
        first.record("profile:nike", Resource.USERS, 1);
        book(first).write();

        TargetSpendDocument nike = stored("hashtag:nike", "2026-11-30");
        assertThat(nike.posts()).isEqualTo(100);
        assertThat(nike.users()).isEqualTo(87);
        assertThat(nike.countRequests()).isEqualTo(1);
        assertThat(nike.ceiling()).isEqualTo(TargetSpendDocument.Ceiling.x(10_000, 9_000, 2_000, 1_500, 300));
        assertThat(stored("profile:nike", "2026-11-30").users()).isEqualTo(1);

        // A new process: the day's spend comes back before it writes, so it neither forgets nor writes less.
        indices.client().indices().refresh(r -> r.index(indices.names().targetSpend()));
        SpendCeiling restarted = ceiling();
        SpendBook<SpendCeiling.DaySpend> book = book(restarted);
        book.write();
        assertThat(restarted.postsAllowed("hashtag:nike")).isEqualTo(1_900);
        restarted.record("hashtag:nike", Resource.POSTS, 20);
        book.write();
        assertThat(stored("hashtag:nike", "2026-11-30").posts()).isEqualTo(120);

        // Posts read just before midnight stay with that day; the new day starts at zero.
        restarted.record("hashtag:nike", Resource.POSTS, 5);
        clock.advance(Duration.ofMinutes(2));
        restarted.record("hashtag:nike", Resource.POSTS, 7);
        book.write();
        assertThat(stored("hashtag:nike", "2026-11-30").posts()).isEqualTo(125);
        assertThat(stored("hashtag:nike", "2026-12-01").posts()).isEqualTo(7);
        assertThat(restarted.postsAllowed("hashtag:nike")).isEqualTo(1_993);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> today =
                (Map<String, Map<String, Long>>) restarted.today().get("targets");
        assertThat(today.get("hashtag:nike")).containsEntry("posts", 7L);
    }

    /**
     * Two replicas taking turns on one target (its lease lets one at a time capture it): each reads the target's day
     * before its capture and publishes it after, so the second never buys what the per-target ceiling no longer
     * allows, and the stored day is the sum of both, never one replica's part written over the other's.
     */
    @Test
    void replicasTakingTurnsOnATargetShareItsCeiling() throws IOException {
        clock.advance(Duration.ofDays(3));
        SpendCeiling a = ceiling();
        SpendCeiling b = ceiling();
        SpendBook<SpendCeiling.DaySpend> bookA = book(a);
        SpendBook<SpendCeiling.DaySpend> bookB = book(b);

        a.adopt(bookA.today("hashtag:puma"));
        SpendCeiling.Reservation page = a.reservePage("hashtag:puma", 100);
        a.settle(page, 100, 80);
        a.record("hashtag:puma", Resource.POSTS, 1_850);
        bookA.publish("hashtag:puma");

        b.adopt(bookB.today("hashtag:puma"));
        assertThat(b.postsAllowed("hashtag:puma"))
                .as("2,000 a day for the target, 1,950 bought by A")
                .isEqualTo(50);
        SpendCeiling.Reservation last = b.reservePage("hashtag:puma", 100);
        assertThat(last.posts()).isEqualTo(50);
        b.settle(last, 50, 30);
        bookB.publish("hashtag:puma");
        assertThat(stored("hashtag:puma", "2026-12-03").posts()).isEqualTo(2_000);
        assertThat(stored("hashtag:puma", "2026-12-03").users()).isEqualTo(110);

        a.adopt(bookA.today("hashtag:puma"));
        assertThat(a.postsAllowed("hashtag:puma"))
                .as("A's next turn counts B's reads")
                .isZero();
        // A's periodic write puts nothing older over B's numbers.
        bookA.write();
        assertThat(stored("hashtag:puma", "2026-12-03").posts()).isEqualTo(2_000);
    }

    private SpendCeiling ceiling() {
        return new SpendCeiling(LIMITS, clock, new SimpleMeterRegistry());
    }

    private SpendBook<SpendCeiling.DaySpend> book(SpendCeiling spend) {
        return new SpendBook<>(indices.client(), indices.names(), spend, clock, false);
    }

    /**
     * TikTok's quota use through the same book: each target's requests and records of the day under {@code tiktok},
     * with the client's quotas as the ceiling, and a restarted process counts the day's stored use against the
     * client's quotas, so a restart never lets it send more than the day allows.
     */
    @Test
    void tiktokQuotaUseIsWrittenPerTargetAndARestartStillCountsIt() throws IOException {
        clock.advance(Duration.ofDays(5));
        ResearchQuota quota = new ResearchQuota(10, 1_000, clock);
        SpendBook<ResearchQuota.DaySpend> book =
                new SpendBook<>(indices.client(), indices.names(), quota, clock, false);
        for (int page = 0; page < 3; page++) {
            quota.settle("hashtag:vans", quota.reserve("hashtag:vans", 100).orElseThrow(), 100);
        }
        quota.settle("profile:vans", quota.reserve("profile:vans", 1).orElseThrow(), 1);
        book.write();

        TargetSpendDocument vans = stored("hashtag:vans", Platform.TIKTOK, "2026-12-05");
        assertThat(vans.requests()).isEqualTo(3);
        assertThat(vans.records()).isEqualTo(300);
        assertThat(vans.posts()).as("X's units are not TikTok's").isNull();
        assertThat(vans.ceiling()).isEqualTo(TargetSpendDocument.Ceiling.tiktok(10, 1_000));
        assertThat(stored("profile:vans", Platform.TIKTOK, "2026-12-05").records())
                .isEqualTo(1);

        indices.client().indices().refresh(r -> r.index(indices.names().targetSpend()));
        ResearchQuota restarted = new ResearchQuota(10, 1_000, clock);
        new SpendBook<>(indices.client(), indices.names(), restarted, clock, false).write();
        assertThat(restarted.view().requests()).isEqualTo(4);
        assertThat(restarted.view().records()).isEqualTo(301);
        assertThat(restarted.reserve("hashtag:vans", 1_000).orElseThrow().maxCount())
                .as("1,000 records a day, 301 used before the restart")
                .isEqualTo(699);
    }

    private TargetSpendDocument stored(String target, String day) throws IOException {
        return stored(target, Platform.X, day);
    }

    private TargetSpendDocument stored(String target, Platform platform, String day) throws IOException {
        String id = TargetSpendDocument.idOf(target, platform, LocalDate.parse(day));
        var found =
                indices.client().get(g -> g.index(indices.names().targetSpend()).id(id), TargetSpendDocument.class);
        assertThat(found.found()).as("%s stored", id).isTrue();
        return found.source();
    }
}
