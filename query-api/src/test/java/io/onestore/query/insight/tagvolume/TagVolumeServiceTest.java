package io.onestore.query.insight.tagvolume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TagVolumeDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.TestProperties;
import io.onestore.query.coverage.Coverage;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import io.onestore.query.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #nike on X, now 12:30: 50 posts at 07:00, 5 at 08:00, 0 at 09:00, the 10:00 hour never counted, 7 at 11:00, and 3
 * in the open hour 12:00 counted up to 12:20. #adidas's 100 at 09:00 is another tag's.
 */
class TagVolumeServiceTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:30:00Z");
    static ContractIndices es;
    static TagVolumeService service;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(TagVolumeServiceTest.class);
        service = new TagVolumeService(
                es.client(), es.names(), Clock.fixed(NOW, ZoneOffset.UTC), TestProperties.defaults());
        es.tagVolume(List.of(
                hour("nike", "07:00", 50, null),
                hour("nike", "08:00", 99, null),
                hour("nike", "09:00", 0, null),
                hour("nike", "11:00", 7, null),
                hour("nike", "12:00", 1, "12:05"),
                hour("adidas", "09:00", 100, null)));
        // Read again later: the same hours, rewritten in place (a count corrected, the open hour grown).
        es.tagVolume(List.of(hour("nike", "08:00", 5, null), hour("nike", "12:00", 3, "12:20")));
    }

    static TagVolumeDocument hour(String tag, String start, long posts, String openUntil) {
        Instant from = Instant.parse("2026-11-30T" + start + ":00Z");
        Instant end =
                openUntil == null ? from.plus(Duration.ofHours(1)) : Instant.parse("2026-11-30T" + openUntil + ":00Z");
        return new TagVolumeDocument(Platform.X, tag, from, end, posts, openUntil == null, end, "x-api-v2");
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void hourByHourAnHourNeverCountedIsNullAndAGapNotAZero() throws Exception {
        TagVolume volume = service.volume("nike", Platform.X, window("08:15", "12:10"), Interval.parse("1h"));

        assertThat(volume.from()).as("rounded down to the hour").isEqualTo("2026-11-30T08:00:00Z");
        assertThat(volume.to()).as("rounded up to the hour").isEqualTo("2026-11-30T13:00:00Z");
        assertThat(volume.points())
                .extracting(TagVolume.Point::posts, TagVolume.Point::hoursCounted, TagVolume.Point::complete)
                .containsExactly(
                        tuple(5L, 1, true),
                        tuple(0L, 1, true),
                        tuple(null, 0, false),
                        tuple(7L, 1, true),
                        tuple(3L, 1, false));
        assertThat(volume.total()).isEqualTo(15);

        Coverage coverage = volume.coverage();
        assertThat(coverage.to()).as("measured up to now").isEqualTo(NOW);
        assertThat(coverage.complete()).isFalse();
        assertThat(coverage.coveredShare()).isCloseTo((270 - 70) / 270.0, within(1e-9));
        assertThat(coverage.notice()).contains("unknown, not zero");
        Coverage.TargetCoverage nike = coverage.targets().get(0);
        assertThat(nike.target()).isEqualTo("hashtag:nike");
        assertThat(nike.gaps())
                .extracting(g -> g.from().toString(), g -> g.to().toString(), Coverage.Gap::reason)
                .containsExactly(
                        tuple("2026-11-30T10:00:00Z", "2026-11-30T11:00:00Z", "not_counted"),
                        tuple("2026-11-30T12:20:00Z", "2026-11-30T12:30:00Z", "not_counted"));
        assertThat(nike.coveredSince()).isEqualTo("2026-11-30T11:00:00Z");
        assertThat(nike.capturedUntil()).isEqualTo("2026-11-30T12:20:00Z");
    }

    @Test
    void longerIntervalsSumTheirHoursAndAreCompleteOnlyWhenEveryPastHourIsCounted() throws Exception {
        TagVolume twoHours = service.volume("nike", Platform.X, window("07:00", "11:00"), Interval.parse("2h"));
        assertThat(twoHours.points())
                .extracting(p -> p.start().toString(), TagVolume.Point::posts, TagVolume.Point::complete)
                .containsExactly(
                        tuple("2026-11-30T06:00:00Z", 50L, true),
                        tuple("2026-11-30T08:00:00Z", 5L, true),
                        tuple("2026-11-30T10:00:00Z", null, false));
        assertThat(twoHours.coverage().complete()).isFalse();

        TagVolume day = service.volume(
                "nike",
                Platform.X,
                new TimeWindow(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")),
                Interval.parse("1d"));
        assertThat(day.points())
                .extracting(TagVolume.Point::posts, TagVolume.Point::hoursCounted, TagVolume.Point::complete)
                .containsExactly(tuple(65L, 5, false));

        TagVolume whole = service.volume("nike", Platform.X, window("07:00", "10:00"), Interval.parse("1h"));
        assertThat(whole.coverage().complete())
                .as("every hour of a past window counted")
                .isTrue();
        assertThat(whole.coverage().notice()).isNull();
        assertThat(whole.total()).isEqualTo(55);
    }

    @Test
    void aTagNeverCountedHasNoVolumeAndSaysSo() throws Exception {
        TagVolume volume = service.volume("puma", Platform.X, window("08:00", "10:00"), Interval.parse("1h"));

        assertThat(volume.total()).isNull();
        assertThat(volume.points()).extracting(TagVolume.Point::posts).containsOnlyNulls();
        assertThat(volume.coverage().coveredShare()).isZero();
        assertThat(volume.coverage().targets().get(0).note()).isEqualTo("never_captured");
    }

    @Test
    void aWindowOfMoreHoursThanOneSearchReadsIsRefused() {
        TimeWindow years = new TimeWindow(Instant.parse("2025-01-01T00:00:00Z"), NOW);
        assertThatThrownBy(() -> service.volume("nike", Platform.X, years, Interval.parse("366d")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("buckets of 1h");
    }

    static TimeWindow window(String from, String to) {
        return new TimeWindow(Instant.parse("2026-11-30T" + from + ":00Z"), Instant.parse("2026-11-30T" + to + ":00Z"));
    }
}
