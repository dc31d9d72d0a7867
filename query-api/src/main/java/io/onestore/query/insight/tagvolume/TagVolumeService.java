package io.onestore.query.insight.tagvolume;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TagVolumeDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.coverage.Coverage;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * A tag's posts per interval, summed from the hourly counts the ingestor stores ({@code tag-volume}), in one search.
 * Counts are hours: the window is widened to whole hours and the interval must be whole hours. An hour without a
 * count is left out of the sums and shown as a {@code not_counted} gap in the coverage, never as zero.
 */
@Service
public class TagVolumeService {

    static final Duration HOUR = Duration.ofHours(1);

    /** The platforms that count a tag's posts per hour: X alone ({@code GET /2/tweets/counts/recent}). */
    static final List<Platform> COUNTED = List.of(Platform.X);

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Clock clock;
    private final QueryApiProperties.Limits limits;

    TagVolumeService(ElasticsearchClient client, IndexNames names, Clock clock, QueryApiProperties properties) {
        this.client = client;
        this.names = names;
        this.clock = clock;
        this.limits = properties.limits();
    }

    /**
     * @param platform one of {@link #COUNTED}
     * @param interval whole hours ({@link #hourly})
     * @throws ApiException {@code too-many-buckets} for a window of more hours than one search returns or more points
     *     than an answer holds
     */
    public TagVolume volume(String tag, Platform platform, TimeWindow asked, Interval interval) throws IOException {
        TimeWindow window = new TimeWindow(floorHour(asked.from()), ceilHour(asked.to()));
        Interval hourly = new Interval("1h", HOUR);
        hourly.checkBuckets(window, limits.maxResultWindow());
        interval.checkBuckets(window, limits.maxBuckets());
        int hours = (int) window.length().dividedBy(HOUR);
        List<TagVolumeDocument> counted = client
                .search(
                        TagVolumeQuery.of(names.tagVolume(), tag, platform.key(), window, hours),
                        TagVolumeDocument.class)
                .hits()
                .hits()
                .stream()
                .map(Hit::source)
                .filter(Objects::nonNull)
                .toList();
        Instant now = clock.instant();
        Instant end = window.to().isAfter(now) ? now : window.to();
        Coverage coverage = VolumeCoverage.of(tag, platform.key(), window.from(), end, counted);
        List<TagVolume.Point> points = points(window, interval, end, counted);
        Long total = counted.isEmpty()
                ? null
                : counted.stream().mapToLong(TagVolumeDocument::postCount).sum();
        return new TagVolume(tag, platform.key(), interval.text(), window.from(), window.to(), total, points, coverage);
    }

    /** @throws ApiException {@code invalid-parameter} for a platform that does not count posts per hour */
    static Platform counted(Platform platform) {
        if (!COUNTED.contains(platform)) {
            throw new ApiException(
                    ProblemType.INVALID_PARAMETER,
                    "'platform' must be x: only X counts a tag's posts per hour (the counts endpoint)");
        }
        return platform;
    }

    /** @throws ApiException {@code unknown-interval} for an interval that is not whole hours */
    static Interval hourly(Interval interval) {
        if (interval.duration().toMillis() % HOUR.toMillis() != 0) {
            throw new ApiException(
                    ProblemType.UNKNOWN_INTERVAL,
                    "posts are counted per hour: the interval must be whole hours, e.g. 1h, 6h or 1d");
        }
        return interval;
    }

    /** One point per interval bucket (epoch-aligned, clipped to the window), summing the hours that start in it. */
    static List<TagVolume.Point> points(
            TimeWindow window, Interval interval, Instant end, List<TagVolumeDocument> counted) {
        List<TagVolume.Point> points = new ArrayList<>();
        int next = 0;
        for (Instant start = interval.bucketStart(window.from());
                start.isBefore(window.to());
                start = start.plus(interval.duration())) {
            Instant bucketEnd = start.plus(interval.duration());
            Instant from = start.isBefore(window.from()) ? window.from() : start;
            long posts = 0;
            int hoursCounted = 0;
            boolean whole = true;
            while (next < counted.size() && counted.get(next).bucketStart().isBefore(bucketEnd)) {
                TagVolumeDocument hour = counted.get(next++);
                posts += hour.postCount();
                hoursCounted++;
                // The hour still open at its read is whole only if now has not passed where it was counted to.
                whole &= hour.complete() || !hour.bucketEnd().isBefore(earliest(bucketEnd, end));
            }
            Instant pastEnd = earliest(bucketEnd, end);
            long pastHours = pastEnd.isAfter(from) ? ceilHours(Duration.between(from, pastEnd)) : 0;
            boolean complete = whole && hoursCounted >= pastHours;
            points.add(new TagVolume.Point(start, hoursCounted == 0 ? null : posts, hoursCounted, complete));
        }
        return points;
    }

    private static long ceilHours(Duration duration) {
        return (duration.toMillis() + HOUR.toMillis() - 1) / HOUR.toMillis();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static Instant floorHour(Instant instant) {
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), HOUR.toMillis()) * HOUR.toMillis());
    }

    static Instant ceilHour(Instant instant) {
        Instant floor = floorHour(instant);
        return floor.equals(instant) ? floor : floor.plus(HOUR);
    }
}
