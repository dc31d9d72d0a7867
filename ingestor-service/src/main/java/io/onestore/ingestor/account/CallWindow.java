package io.onestore.ingestor.account;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * One account's call budget: at most {@code limit} calls in any span of {@code window} (plus a margin), counted on the
 * monotonic clock. Not thread-safe: the pool guards it.
 *
 * <p>Why not resilience4j's {@code RateLimiter}, which the pool used before: its windows are cycles counted from the
 * limiter's creation, while Instagram's (and the simulator's) open at the account's first call. The two never line
 * up: when the limiter's cycle turns, the account's upstream window still has as long to run as its first call came
 * after start-up, and every call the fresh cycle lends meanwhile is answered 429 once the account spent its budget
 * (docs/coverage.md). A call that left this window more than {@code window} ago cannot share an upstream window with
 * a call made now, wherever that window opens, so a sliding window is safe against every alignment and still lends
 * the whole budget in the steady state. The margin (1 % of the window, at most 30 s) absorbs the time a request takes
 * to reach the upstream's counter.
 */
final class CallWindow {

    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    private final int limit;
    private final long spanNanos;
    private final NanoClock clock;
    // Send times of the calls still inside the span, oldest first; never more than limit.
    private final ArrayDeque<Long> calls = new ArrayDeque<>();

    /** The monotonic time in nanoseconds; tests pass their own. */
    interface NanoClock {
        long nanoTime();
    }

    CallWindow(int limit, Duration window) {
        this(limit, window, System::nanoTime);
    }

    CallWindow(int limit, Duration window, NanoClock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a call budget needs a positive limit and window");
        }
        this.limit = limit;
        Duration margin = window.dividedBy(100);
        this.spanNanos = window.plus(margin.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : margin)
                .toNanos();
        this.clock = clock;
    }

    /** Takes one call if the budget has one now; false (and nothing taken) otherwise. */
    boolean tryTake() {
        long now = clock.nanoTime();
        expire(now);
        if (calls.size() >= limit) {
            return false;
        }
        calls.addLast(now);
        return true;
    }

    /** Calls that could be taken now. */
    int available() {
        expire(clock.nanoTime());
        return limit - calls.size();
    }

    private void expire(long now) {
        while (!calls.isEmpty() && now - calls.peekFirst() >= spanNanos) {
            calls.removeFirst();
        }
    }
}
