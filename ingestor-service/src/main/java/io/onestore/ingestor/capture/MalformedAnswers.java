package io.onestore.ingestor.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.Platform;
import java.time.Instant;
import java.util.List;

/**
 * A target failed by an answer that was not the JSON expected, with the body kept verbatim as a dead letter
 * ({@code malformed_upstream_body}): as JSON when it is JSON of an unexpected shape, else as a string. Every
 * platform's fetcher ends a malformed answer this way.
 */
public final class MalformedAnswers {

    private final ObjectMapper json;

    public MalformedAnswers(ObjectMapper json) {
        this.json = json;
    }

    public CaptureResult.Failed failed(
            Target target, FetchOutcome.Malformed<?> malformed, Instant capturedAt, Platform platform, String source) {
        DeadLetterDocument letter = new DeadLetterDocument(
                capturedAt,
                "parse",
                "malformed_upstream_body",
                malformed.reason(),
                null,
                target.id(),
                platform,
                source,
                raw(malformed.rawBody()));
        return new CaptureResult.Failed(target, malformed.label(), malformed.reason(), List.of(letter));
    }

    private JsonNode raw(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null || node.isMissingNode() ? TextNode.valueOf(body) : node;
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(body);
        }
    }
}
