package io.onestore.simulator.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time running {@code rate} times as fast as the real clock from {@code start}: end-to-end tests watch hours
 * of capture pass in minutes with every service on real timers.
 */
final class ScaledClock extends Clock {

    private final Instant start;
    private final double rate;
    private final long realStartNanos;

    ScaledClock(Instant start, double rate) {
        this.start = start;
        this.rate = rate;
        this.realStartNanos = System.nanoTime();
    }

    @Override
    public Instant instant() {
        long elapsedNanos = System.nanoTime() - realStartNanos;
        return start.plusNanos((long) (elapsedNanos * rate));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Simulated time is UTC only: the zone is not changed. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
