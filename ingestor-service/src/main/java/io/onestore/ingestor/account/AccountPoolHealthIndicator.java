package io.onestore.ingestor.account;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The pool in {@code /actuator/health}: every account's state and budgets, never a token. An empty pool is
 * {@code UNKNOWN} (the service runs, it just cannot fetch) so it does not drag the aggregate down; a pool whose
 * accounts are all walled is {@code DOWN}, because nothing but a human brings it back.
 */
public final class AccountPoolHealthIndicator implements HealthIndicator {

    private final AccountPool pool;

    public AccountPoolHealthIndicator(AccountPool pool) {
        this.pool = pool;
    }

    @Override
    public Health health() {
        if (pool.size() == 0) {
            return Health.unknown()
                    .withDetail("accounts", 0)
                    .withDetail("message", "no accounts configured: every fetch fails as no_account")
                    .build();
        }
        Map<AccountState, Long> counts = pool.countByState();
        Status status = counts.get(AccountState.OUT_OF_ROTATION) == pool.size() ? Status.DOWN : Status.UP;
        Map<String, Object> accounts = new LinkedHashMap<>();
        for (AccountPool.AccountView view : pool.view()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", view.state().key());
            detail.put("calls_left", view.callsLeft());
            detail.put("hashtags_in_window", view.hashtagsInWindow());
            if (view.coolingUntil() != null) {
                detail.put("cooling_until", view.coolingUntil().toString());
            }
            if (view.outOfRotationReason() != null) {
                detail.put("out_of_rotation_reason", view.outOfRotationReason());
            }
            if (view.lastUsed() != null) {
                detail.put("last_used", view.lastUsed().toString());
            }
            accounts.put(view.id(), detail);
        }
        Map<String, Long> byState = new LinkedHashMap<>();
        counts.forEach((state, count) -> byState.put(state.key(), count));
        return Health.status(status)
                .withDetail("by_state", byState)
                .withDetail("accounts", accounts)
                .build();
    }
}
