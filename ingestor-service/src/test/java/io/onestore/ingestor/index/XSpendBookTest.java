package io.onestore.ingestor.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.ContractIndices;
import io.onestore.ingestor.account.SpendCeiling;
import io.onestore.ingestor.account.SpendCeiling.Resource;
import io.onestore.ingestor.config.XSettings;
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
 * X's spend per target and day in the real Elasticsearch: written as it changes, taken up again by a restarted process
 * (so its ceiling still counts the day's reads), and split at midnight UTC under the day each read was billed in.
 */
class XSpendBookTest {

    static final XSettings.Spend LIMITS = new XSettings.Spend(10_000, 9_000, 2_000, 1_500, 300);
    static ContractIndices indices;

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T23:59:00Z"));

    @BeforeAll
    static void install() {
        indices = ContractIndices.install(XSpendBookTest.class);
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
        assertThat(nike.ceiling()).isEqualTo(new TargetSpendDocument.Ceiling(10_000, 9_000, 2_000, 1_500, 300));
        assertThat(stored("profile:nike", "2026-11-30").users()).isEqualTo(1);

        // A new process: the day's spend comes back before it writes, so it neither forgets nor writes less.
        indices.client().indices().refresh(r -> r.index(indices.names().targetSpend()));
        SpendCeiling restarted = ceiling();
        XSpendBook book = book(restarted);
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
        XSpendBook bookA = book(a);
        XSpendBook bookB = book(b);

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

    private XSpendBook book(SpendCeiling spend) {
        return new XSpendBook(indices.client(), indices.names(), spend, clock, false);
    }

    private TargetSpendDocument stored(String target, String day) throws IOException {
        String id = new TargetSpendDocument(target, Platform.X, LocalDate.parse(day), 0, 0, 0, null, null).id();
        var found =
                indices.client().get(g -> g.index(indices.names().targetSpend()).id(id), TargetSpendDocument.class);
        assertThat(found.found()).as("%s stored", id).isTrue();
        return found.source();
    }
}
