package io.onestore.simulator.limit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests per key in fixed windows that open at a key's first request, the way the networks' per-token
 * budgets behave from a client's point of view (a budget, then a reset time).
 */
public final class FixedWindowLimiter {

    /**
     * @param resetEpochSecond when the current window ends and the budget is full again
     */
    public record Decision(boolean allowed, int limit, int remaining, long resetEpochSecond, long used) {

        /** Seconds until the reset, at least 1: what Retry-After says. */
        public long retryAfterSeconds(long nowEpochSecond) {
            return Math.max(1, resetEpochSecond - nowEpochSecond);
        }
    }

    private record Window(long startMillis, int count) {}

    // Per-token windows updated from any request thread; compute() makes each update atomic per key.
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public Decision acquire(String key, int limit, Duration length, long nowMillis) {
        long lengthMillis = length.toMillis();
        Window window = windows.compute(key, (k, w) -> {
            if (w == null || nowMillis >= w.startMillis() + lengthMillis) {
                return new Window(nowMillis, 1);
            }
            return new Window(w.startMillis(), w.count() + 1);
        });
        long reset = (window.startMillis() + lengthMillis + 999) / 1000;
        boolean allowed = window.count() <= limit;
        return new Decision(allowed, limit, Math.max(0, limit - window.count()), reset, window.count());
    }

    public void clear() {
        windows.clear();
    }
}
