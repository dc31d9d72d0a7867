package io.onestore.query.post;

import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramAggregation;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.time.Instant;

/**
 * The date histogram every timeline is built on: epoch-aligned fixed buckets, empty ones included, from the bucket
 * holding {@code from} to the one holding the last millisecond before {@code to} (the window is half-open).
 */
public final class TimeBuckets {

    private TimeBuckets() {}

    public static DateHistogramAggregation of(String field, Interval interval, TimeWindow window) {
        return DateHistogramAggregation.of(h -> h.field(field)
                .fixedInterval(t -> t.time(interval.esFixedInterval()))
                .minDocCount(0)
                .extendedBounds(
                        e -> e.min(millis(window.from())).max(millis(window.to().minusMillis(1)))));
    }

    private static FieldDateMath millis(Instant instant) {
        return FieldDateMath.of(m -> m.value((double) instant.toEpochMilli()));
    }
}
