package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * How many posts carried a tag in one UTC hour, as the upstream counted them (X's {@code GET
 * /2/tweets/counts/recent}, {@code granularity=hour}), in the {@code tag-volume} alias. A rate, not a size: unlike a
 * tag snapshot's {@code media_count} (the tag's cumulative or rolling size), {@code post_count} counts only the posts
 * published in {@code [bucket_start, bucket_end)}, so a day's volume is the sum of its hours. One document per
 * platform, tag and hour ({@link #id()}); a later read of the same hour overwrites it.
 *
 * @param bucketStart the hour's start, on the hour (UTC)
 * @param bucketEnd the end of what was counted: {@code bucket_start + 1h} for a closed hour; for the hour still open
 *     at the read, the instant the upstream counted up to
 * @param postCount posts published in {@code [bucket_start, bucket_end)} that matched the upstream query (X: the tag,
 *     retweets excluded; deleted and protected posts are not counted)
 * @param complete whether the hour was closed when it was read; an open hour's count is a lower bound until a later
 *     read rewrites it
 * @param capturedAt when the upstream answered
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TagVolumeDocument(
        Platform platform,
        String tag,
        Instant bucketStart,
        Instant bucketEnd,
        long postCount,
        boolean complete,
        Instant capturedAt,
        String source) {

    /** {@code x:tag:nike@2026-11-26T12:00:00Z}. */
    public String id() {
        return DocumentIds.tagVolume(platform, tag, bucketStart);
    }
}
