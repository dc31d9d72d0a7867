package io.onestore.query.request;

import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.time.Duration;
import java.time.Instant;

/** A half-open window {@code [from, to)} of UTC instants. */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        if (from == null || to == null) {
            throw new ApiException(ProblemType.MISSING_PARAMETER, "'from' and 'to' are required ISO-8601 instants");
        }
        if (!from.isBefore(to)) {
            throw new ApiException(ProblemType.INVALID_TIME_WINDOW, "'from' must be before 'to'");
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The window in days, fractional: the denominator of every per-day rate. */
    public double days() {
        return length().toMillis() / (double) Duration.ofDays(1).toMillis();
    }
}
