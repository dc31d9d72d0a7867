package io.onestore.query.insight.tagvolume;

import io.onestore.query.coverage.Coverage;
import java.time.Instant;
import java.util.List;

/**
 * A hashtag's posts per interval as the platform counted them (X's {@code counts/recent}, hour by hour), from
 * {@code tag-volume}. docs/insights.md#tag-volume.
 *
 * @param from the window's start, rounded down to the hour
 * @param to the window's end, rounded up to the hour
 * @param total the posts of every counted hour; null when no hour was counted
 * @param coverage which part of the window the counts cover; an hour never counted is a {@code not_counted} gap, not
 *     a zero
 */
public record TagVolume(
        String tag,
        String platform,
        String interval,
        Instant from,
        Instant to,
        Long total,
        List<Point> points,
        Coverage coverage) {

    /**
     * @param start the bucket's start (epoch-aligned, UTC)
     * @param posts posts published in the bucket's counted hours; null when none of them was counted
     * @param hoursCounted hours of the bucket with a count (the hour still open at its last read included)
     * @param complete whether the bucket's whole past (up to now) is counted: every hour counted and closed when read
     */
    public record Point(Instant start, Long posts, int hoursCounted, boolean complete) {}
}
