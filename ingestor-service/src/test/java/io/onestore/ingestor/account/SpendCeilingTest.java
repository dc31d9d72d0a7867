package io.onestore.ingestor.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.account.SpendCeiling.Resource;
import io.onestore.ingestor.config.XSettings;
import io.onestore.testsupport.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** X's daily spend ceiling: per target and in total, counted as a metric, and a new UTC day starts at zero. */
class SpendCeilingTest {

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T23:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SpendCeiling ceiling = new SpendCeiling(new XSettings.Spend(250, 120, 200, 100, 2), clock, meters);

    @Test
    void aTargetMayBuyTheLeastOfItsOwnAndTheGlobalAllowance() {
        assertThat(ceiling.postsAllowed("hashtag:nike")).isEqualTo(200);
        ceiling.record("hashtag:nike", Resource.POSTS, 150);
        assertThat(ceiling.postsAllowed("hashtag:nike")).isEqualTo(50);
        assertThat(ceiling.postsAllowed("hashtag:puma"))
                .as("250 a day in all, 150 spent")
                .isEqualTo(100);
        ceiling.record("hashtag:puma", Resource.POSTS, 100);
        assertThat(ceiling.postsAllowed("hashtag:nike")).isZero();
        assertThat(ceiling.postsAllowed("hashtag:adidas")).isZero();

        ceiling.record("hashtag:nike", Resource.USERS, 100);
        assertThat(ceiling.usersAllowed("hashtag:nike")).isZero();
        assertThat(ceiling.usersAllowed("profile:nike")).isEqualTo(20);
    }

    @Test
    void concurrentCapturesReserveTheirPagesSoTogetherTheyStayUnderTheDaysCeiling() {
        SpendCeiling.Reservation nike = ceiling.reservePage("hashtag:nike", 100);
        SpendCeiling.Reservation puma = ceiling.reservePage("hashtag:puma", 200);
        SpendCeiling.Reservation adidas = ceiling.reservePage("hashtag:adidas", 100);

        assertThat(nike.posts()).isEqualTo(100);
        assertThat(puma.posts())
                .as("users: 120 a day in all, 100 held by #nike")
                .isEqualTo(20);
        assertThat(adidas.posts()).as("nothing left while both pages are out").isZero();
        assertThat(ceiling.reserveUser("profile:nike").users()).isZero();

        ceiling.settle(nike, 40, 30);
        ceiling.settle(puma, 20, 20);
        ceiling.settle(adidas, 0, 0);
        assertThat(ceiling.usersAllowed("hashtag:adidas")).as("120 - 30 - 20").isEqualTo(70);
        assertThat(ceiling.postsAllowed("hashtag:adidas")).as("250 - 40 - 20").isEqualTo(190);
        assertThat(ceiling.reservePage("hashtag:nike", 100).posts())
                .as("#nike: 100 users a day, 30 spent")
                .isEqualTo(70);
        assertThat(ceiling.reserveUser("profile:nike").users())
                .as("120 - 50 spent - 70 held by #nike's page")
                .isZero();
    }

    @Test
    void countRequestsHaveTheirOwnDailyAllowance() {
        assertThat(ceiling.countAllowed()).isTrue();
        ceiling.record("hashtag:nike", Resource.COUNT_REQUESTS, 2);
        assertThat(ceiling.countAllowed()).isFalse();
    }

    @Test
    void aCountsRequestIsHeldBeforeItIsSentSoConcurrentCapturesNeverSendMoreThanTheDayAllows() {
        assertThat(ceiling.reserveCount()).isTrue();
        assertThat(ceiling.reserveCount()).isTrue();
        assertThat(ceiling.reserveCount())
                .as("two of two held, none answered yet")
                .isFalse();

        ceiling.settleCount("hashtag:nike", false);
        assertThat(ceiling.reserveCount())
                .as("a failed request is not billed: its place is free again")
                .isTrue();
        ceiling.settleCount("hashtag:nike", true);
        ceiling.settleCount("hashtag:adidas", true);

        assertThat(ceiling.reserveCount()).isFalse();
        assertThat(ceiling.takeChanged())
                .extracting(SpendCeiling.DaySpend::targetId, SpendCeiling.DaySpend::countRequests)
                .containsExactlyInAnyOrder(tuple("hashtag:nike", 1L), tuple("hashtag:adidas", 1L));
    }

    @Test
    void spendIsAMetricAndVisiblePerTargetAndANewDayStartsAtZero() {
        ceiling.record("hashtag:nike", Resource.POSTS, 40);
        ceiling.record("hashtag:nike", Resource.USERS, 31);

        assertThat(meters.get("onestore.source.spend")
                        .tag("resource", "posts")
                        .tag("target", "hashtag:nike")
                        .counter()
                        .count())
                .isEqualTo(40);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> targets =
                (Map<String, Map<String, Long>>) ceiling.today().get("targets");
        assertThat(targets.get("hashtag:nike")).containsEntry("posts", 40L).containsEntry("users", 31L);
        assertThat(ceiling.today()).containsEntry("day", "2026-11-30");

        clock.advance(Duration.ofHours(1));
        assertThat(ceiling.postsAllowed("hashtag:nike")).isEqualTo(200);
        assertThat(ceiling.today()).containsEntry("day", "2026-12-01");
    }
}
