package io.onestore.ingestor.enrich;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * Enrichment's own share of the account budget: {@code floor(share × accounts × calls-per-window)} profile fetches
 * per budget window, a resilience4j {@link RateLimiter} like the pool's own per-account ones. It only caps what
 * enrichment asks for; each fetch still takes its permit from the pool, so the per-account budgets (and with them the
 * upstream's limits) hold whatever this share is.
 */
final class EnrichmentBudget {

    private final RateLimiter limiter;
    private final int perWindow;

    EnrichmentBudget(double share, int accounts, int callsPerWindow, Duration window) {
        this.perWindow = (int) Math.floor(share * accounts * callsPerWindow);
        // A zero share (or pool) must mean no enrichment; the limiter needs at least one permit, so it is never asked.
        this.limiter = RateLimiter.of(
                "enrichment",
                RateLimiterConfig.custom()
                        .limitForPeriod(Math.max(1, perWindow))
                        .limitRefreshPeriod(window)
                        .timeoutDuration(Duration.ZERO)
                        .build());
    }

    /** Takes one fetch from the share; false when the share of the current window is spent. */
    boolean tryAcquire() {
        return perWindow > 0 && limiter.acquirePermission();
    }

    /** Fetches the share allows per window. */
    int perWindow() {
        return perWindow;
    }
}
