package io.onestore.ingestor.account;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** {@code onestore.accounts{state=available|exhausted|cooling_down|out_of_rotation}}: accounts by state. */
public final class AccountPoolMetrics implements MeterBinder {

    private final AccountPool pool;

    public AccountPoolMetrics(AccountPool pool) {
        this.pool = pool;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (AccountState state : AccountState.values()) {
            Gauge.builder("onestore.accounts", pool, p -> p.countByState().get(state))
                    .description("Upstream accounts by rotation state")
                    .tag("state", state.key())
                    .register(registry);
        }
    }
}
