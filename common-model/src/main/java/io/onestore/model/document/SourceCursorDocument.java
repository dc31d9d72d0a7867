package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Where one source resumes reading, in the {@code source-cursors} alias: the ingestor writes it only after the writes it
 * covers were accepted (indexed or spooled to disk), so a restart resumes at or before the last post it stored and
 * deterministic ids make the overlap harmless.
 *
 * @param source the reader, e.g. {@code bluesky-jetstream}, {@code mastodon}
 * @param key what the cursor is of within the source: {@code firehose} for the stream, {@code <server host>/<tag>} for a
 *     Mastodon timeline
 * @param cursor the upstream's own position, verbatim: Jetstream's {@code time_us}, a Mastodon status id
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceCursorDocument(String source, String key, String cursor, Instant updatedAt) {

    public String id() {
        return idOf(source, key);
    }

    /** {@code mastodon:mastodon.social/nike} */
    public static String idOf(String source, String key) {
        return DocumentIds.requireText(source, "source") + ":" + DocumentIds.requireText(key, "cursor key");
    }
}
