package io.onestore.query.request;

import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bucket size such as {@code 15m}, {@code 1h}, {@code 1d} or {@code 7d}: fixed lengths, so buckets are aligned to
 * the epoch in UTC (a {@code 1d} bucket is a UTC day) and every one has the same length.
 */
public record Interval(String text, Duration duration) {

    private static final Pattern SYNTAX = Pattern.compile("([1-9][0-9]{0,3})([mhd])");
    private static final Duration SHORTEST = Duration.ofMinutes(1);
    private static final Duration LONGEST = Duration.ofDays(366);

    public static Interval parse(String text) {
        Matcher m = text == null ? null : SYNTAX.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new ApiException(
                    ProblemType.UNKNOWN_INTERVAL, "interval must be a number and a unit m, h or d, e.g. 1h or 1d");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration =
                switch (m.group(2)) {
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
        if (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
            throw new ApiException(ProblemType.UNKNOWN_INTERVAL, "interval must be between 1m and 366d");
        }
        return new Interval(m.group(1) + m.group(2), duration);
    }

    /** The default of a campaign report: one day, or the shortest of a week, 30 days, 366 days that fits. */
    private static final String[] LADDER = {"1d", "7d", "30d", "366d"};

    /**
     * The shortest interval of {@code 1d, 7d, 30d, 366d} whose buckets over {@code window} number at most
     * {@code maxBuckets}; {@code 366d} if none does (any window inside the accepted instants fits 366d).
     */
    public static Interval fitting(TimeWindow window, int maxBuckets) {
        Interval chosen = null;
        for (String text : LADDER) {
            chosen = parse(text);
            if (chosen.bucketsIn(window) <= maxBuckets) {
                return chosen;
            }
        }
        return chosen;
    }

    /** Rejects a window that would need more than {@code maxBuckets} buckets. */
    public void checkBuckets(TimeWindow window, int maxBuckets) {
        long buckets = bucketsIn(window);
        if (buckets > maxBuckets) {
            throw new ApiException(
                    ProblemType.TOO_MANY_BUCKETS,
                    "the window holds " + buckets + " buckets of " + text + "; at most " + maxBuckets
                            + " are allowed: use a longer interval or a shorter window");
        }
    }

    long bucketsIn(TimeWindow window) {
        long size = duration.toMillis();
        long first = Math.floorDiv(window.from().toEpochMilli(), size);
        long last = Math.floorDiv(window.to().toEpochMilli() - 1, size);
        return last - first + 1;
    }

    /** The start of the bucket that holds {@code instant} (epoch-aligned, as Elasticsearch's fixed_interval). */
    public Instant bucketStart(Instant instant) {
        long size = duration.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), size) * size);
    }

    /** Elasticsearch's {@code fixed_interval} spelling. */
    public String esFixedInterval() {
        return duration.toMillis() + "ms";
    }
}
