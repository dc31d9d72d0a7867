package io.onestore.testsupport.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock tests move by hand, so "one interval later", cooldowns, quota and rate-limit windows and post ages take
 * no waiting. Safe to read from other threads (the service under test) while the test moves it.
 */
public final class TestClock extends Clock {

    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Puts the clock at {@code instant}, e.g. back to a test's start. */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The clock stays in UTC: every time the tests compare is an instant. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
