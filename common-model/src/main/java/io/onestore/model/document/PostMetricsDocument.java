package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A post's metrics at one capture: the engagement history. One document per post per capture bucket.
 *
 * @param streamThroughUs for counts taken from a stream (Bluesky's likes and reposts): the stream position
 *     ({@code time_us}) up to which every event was counted, so a replay of older events counts none twice; null for
 *     counts read from a platform's own figures
 * @param engagement as the post's: the sum of the known counts, absent when none is known
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostMetricsDocument(
        String postId,
        Platform platform,
        String nativeId,
        String authorId,
        List<String> hashtags,
        Instant publishedAt,
        Instant capturedAt,
        Long likes,
        Long comments,
        Long views,
        Long shares,
        boolean likesHidden,
        Long engagement,
        Long streamThroughUs) {

    public String id(Duration bucket) {
        return DocumentIds.capture(postId, capturedAt, bucket);
    }
}
