package io.onestore.ingestor.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.testsupport.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class AccountPoolHealthIndicatorTest {

    final TestClock clock = new TestClock(Instant.parse("2025-11-26T12:00:00Z"));

    AccountPool pool(Account... accounts) {
        return new AccountPool(
                List.of(accounts),
                new SourceSettings.Budget(200, Duration.ofHours(1), 30, Duration.ofDays(7)),
                new SourceSettings.Cooldown(Duration.ofMinutes(15), Duration.ofMinutes(10)),
                false,
                clock);
    }

    @Test
    void anEmptyPoolIsUnknownSoTheServiceStaysUp() {
        Health health = new AccountPoolHealthIndicator(pool()).health();

        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails()).containsEntry("accounts", 0);
    }

    @Test
    void showsEveryAccountsStateAndNoToken() {
        Account a = new Account("a", "secret-token-a", null);
        Account b = new Account("b", "secret-token-b", null);
        AccountPool pool = pool(a, b);
        pool.report(a, new FetchOutcome.LoginWall<>("checkpoint_required (HTTP 400)"));
        pool.report(b, new FetchOutcome.RateLimited<>(Duration.ofMinutes(2), "HTTP 429"));

        Health health = new AccountPoolHealthIndicator(pool).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> accounts =
                (Map<String, Map<String, Object>>) health.getDetails().get("accounts");
        assertThat(accounts.get("a"))
                .containsEntry("state", "out_of_rotation")
                .containsEntry("out_of_rotation_reason", "checkpoint_required (HTTP 400)");
        assertThat(accounts.get("b"))
                .containsEntry("state", "cooling_down")
                .containsEntry("cooling_until", "2025-11-26T12:02:00Z");
        assertThat(health.toString()).doesNotContain("secret-token");
    }

    @Test
    void everyAccountWalledIsDown() {
        Account a = new Account("a", "secret-token-a", null);
        AccountPool pool = pool(a);
        pool.report(a, new FetchOutcome.LoginWall<>("HTML page instead of JSON"));

        assertThat(new AccountPoolHealthIndicator(pool).health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void gaugeCountsAccountsByState() {
        Account a = new Account("a", "secret-token-a", null);
        Account b = new Account("b", "secret-token-b", null);
        AccountPool pool = pool(a, b);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new AccountPoolMetrics(pool).bindTo(meters);

        pool.report(b, new FetchOutcome.PleaseWait<>("please wait"));

        assertThat(meters.get("onestore.accounts")
                        .tag("state", "available")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(meters.get("onestore.accounts")
                        .tag("state", "cooling_down")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(meters.get("onestore.accounts")
                        .tag("state", "out_of_rotation")
                        .gauge()
                        .value())
                .isZero();
    }
}
