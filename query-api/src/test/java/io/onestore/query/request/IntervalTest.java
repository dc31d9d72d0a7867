package io.onestore.query.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntervalTest {

    static final TimeWindow WEEK =
            new TimeWindow(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-08T00:00:00Z"));

    @Test
    void parsesMinutesHoursAndDays() {
        assertThat(Interval.parse("15m").duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(Interval.parse("1h").duration()).isEqualTo(Duration.ofHours(1));
        assertThat(Interval.parse("7d").esFixedInterval()).isEqualTo("604800000ms");
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        for (String text : new String[] {"", "h", "1w", "0d", "1.5h", "367d", "-1h", "1H"}) {
            assertThatThrownBy(() -> Interval.parse(text))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.UNKNOWN_INTERVAL));
        }
    }

    @Test
    void countsBucketsAlignedToTheEpoch() {
        assertThat(Interval.parse("1d").bucketsIn(WEEK)).isEqualTo(7);
        assertThat(Interval.parse("1h").bucketsIn(WEEK)).isEqualTo(168);
        Interval.parse("1h").checkBuckets(WEEK, 168);
        assertThatThrownBy(() -> Interval.parse("1m").checkBuckets(WEEK, 2000))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.TOO_MANY_BUCKETS));
    }
}
