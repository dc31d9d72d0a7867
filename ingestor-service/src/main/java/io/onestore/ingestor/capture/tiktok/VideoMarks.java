package io.onestore.ingestor.capture.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Instant;

/** A video's place in time for the ledger: its id and {@code create_time} (epoch seconds). */
final class VideoMarks {

    private VideoMarks() {}

    /** Null for a video without an id or a creation time (the normaliser dead-letters it). */
    static Mark of(JsonNode video) {
        JsonNode id = video.path("id");
        JsonNode created = video.path("create_time");
        if (!(id.isIntegralNumber() || id.isTextual()) || !created.canConvertToLong() || !created.isNumber()) {
            return null;
        }
        return new Mark(Instant.ofEpochSecond(created.asLong()), id.asText());
    }
}
