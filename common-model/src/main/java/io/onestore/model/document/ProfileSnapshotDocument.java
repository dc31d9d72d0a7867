package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;

/** A public profile at one capture; {@code raw} is the upstream user object without its media edges. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileSnapshotDocument(
        Platform platform,
        String userId,
        String username,
        String fullName,
        Long followers,
        Long following,
        Long mediaCount,
        Boolean verified,
        Boolean isPrivate,
        Instant capturedAt,
        String source,
        JsonNode raw) {

    public String id(Duration bucket) {
        return DocumentIds.capture(DocumentIds.profile(platform, username), capturedAt, bucket);
    }
}
