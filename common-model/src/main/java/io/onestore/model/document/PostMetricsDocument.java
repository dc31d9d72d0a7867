package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A post's metrics at one capture: the engagement history. One document per post per capture bucket. */
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
        long engagement) {

    public String id(Duration bucket) {
        return DocumentIds.capture(postId, capturedAt, bucket);
    }
}
