package io.onestore.ingestor.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallWindowTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private long now = 1_000_000_000L;

    private CallWindow window(int limit) {
        return new CallWindow(limit, HOUR, () -> now);
    }

    private void advance(Duration by) {
        now += by.toNanos();
    }

    @Test
    void lendsTheLimitThenNothingUntilTheFirstCallLeavesTheWindow() {
        CallWindow calls = window(3);
        assertThat(calls.tryTake()).isTrue();
        advance(Duration.ofMinutes(10));
        assertThat(calls.tryTake()).isTrue();
        assertThat(calls.tryTake()).isTrue();
        assertThat(calls.tryTake()).isFalse();
        assertThat(calls.available()).isZero();

        // An hour after the first call is not enough: the upstream's window may have opened a moment after it.
        advance(Duration.ofMinutes(50));
        assertThat(calls.tryTake()).isFalse();
        // The margin is 1 % of the window (36 s of an hour).
        advance(Duration.ofSeconds(36));
        assertThat(calls.available()).isEqualTo(1);
        assertThat(calls.tryTake()).isTrue();
        assertThat(calls.tryTake()).isFalse();
    }

    @Test
    void neverLendsMoreThanTheLimitInAnySpanOfOneWindowWhereverItOpens() {
        // A budget spent in a burst at the end of one window: a fixed cycle starting then would lend it all again.
        CallWindow calls = window(200);
        advance(Duration.ofMinutes(59));
        for (int i = 0; i < 200; i++) {
            assertThat(calls.tryTake()).isTrue();
        }
        advance(Duration.ofMinutes(2));
        assertThat(calls.tryTake()).isFalse();
        advance(Duration.ofMinutes(58).plusSeconds(36));
        assertThat(calls.available()).isEqualTo(200);
    }
}
