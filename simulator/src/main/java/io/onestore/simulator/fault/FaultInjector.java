package io.onestore.simulator.fault;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.world.SeedMix;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The current fault settings and the request counter the draws are made from. Request n gets the first mode whose
 * cumulative rate exceeds {@code unit(seed, n)}; changing the settings restarts the count, so a test that sets faults
 * and then makes requests in order sees the same faults every run.
 */
@Component
public class FaultInjector {

    public record Draw(FaultMode mode, double detail) {}

    private final AtomicReference<FaultSettings> settings;
    private final AtomicLong requests = new AtomicLong();

    FaultInjector(SimulatorProperties properties) {
        this.settings = new AtomicReference<>(properties.faults());
    }

    public FaultSettings settings() {
        return settings.get();
    }

    public void replace(FaultSettings next) {
        settings.set(next == null ? FaultSettings.NONE : next);
        requests.set(0);
    }

    /** The fault for the next upstream request, if any. */
    Optional<Draw> next(FaultSettings current) {
        if (!current.any()) {
            return Optional.empty();
        }
        long n = requests.getAndIncrement();
        double u = SeedMix.unit(current.seed(), n);
        List<Double> rates = current.rates();
        double cumulative = 0;
        for (int i = 0; i < rates.size(); i++) {
            cumulative += rates.get(i);
            if (u < cumulative) {
                return Optional.of(new Draw(FaultMode.values()[i], SeedMix.unit(current.seed(), n, 1)));
            }
        }
        return Optional.empty();
    }
}
