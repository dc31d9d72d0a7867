package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Something that could not be stored or parsed, kept with everything needed to replay it.
 *
 * @param stage where it failed: {@code parse} (upstream body was not the JSON we expect) or {@code index} (the
 *     document was refused by Elasticsearch, e.g. a mapping error)
 * @param raw the document or upstream body verbatim: a JSON value, or a string when it was not JSON
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterDocument(
        Instant failedAt,
        String stage,
        String errorType,
        String reason,
        String targetIndex,
        String documentId,
        Platform platform,
        String source,
        JsonNode raw) {}
