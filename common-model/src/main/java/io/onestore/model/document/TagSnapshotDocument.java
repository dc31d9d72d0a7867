package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;

/**
 * A hashtag's size at one capture. {@code mediaCount} is absent where the upstream does not say (the Graph API
 * hashtag node has none) and includes private posts where it does.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TagSnapshotDocument(
        Platform platform, String tag, Long mediaCount, int postsSeen, Instant capturedAt, String source) {

    public String id(Duration bucket) {
        return DocumentIds.capture(DocumentIds.tag(platform, tag), capturedAt, bucket);
    }
}
