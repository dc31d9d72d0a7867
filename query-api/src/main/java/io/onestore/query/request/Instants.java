package io.onestore.query.request;

import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The instants the API accepts: ISO-8601 with a zone ({@code 2026-11-01T00:00:00Z} or {@code …+01:00}), from
 * {@link #EARLIEST} (inclusive) to {@link #LATEST} (exclusive). The bounds keep every window inside what Elasticsearch
 * dates (epoch milliseconds) and Java's arithmetic hold, and inside the life of social networks; a year-1 campaign
 * or a window to year 999,999,999 is refused as a 400 instead of overflowing later.
 */
public final class Instants {

    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private Instants() {}

    /** Parses {@code text}, the value of parameter or field {@code name}; null for null or blank. */
    public static Instant parse(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(
                    ProblemType.INVALID_TIME_WINDOW,
                    "'" + name + "' must be an ISO-8601 instant with a zone, e.g. 2026-11-01T00:00:00Z");
        }
        return checked(name, instant);
    }

    /** {@code instant} if it lies in {@code [EARLIEST, LATEST)}; a 400 naming {@code name} otherwise. */
    public static Instant checked(String name, Instant instant) {
        if (instant != null && (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST))) {
            throw new ApiException(ProblemType.INVALID_TIME_WINDOW, outOfRange(name));
        }
        return instant;
    }

    public static String outOfRange(String name) {
        return "'" + name + "' must lie between " + EARLIEST + " (inclusive) and " + LATEST + " (exclusive)";
    }
}
