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
 * Turns an upstream answer no normaliser could read into the dead letter that keeps it verbatim, so nothing the
 * network sent is lost and the answer can be replayed once the parser understands it (design: "loses nothing").
 * Every platform's fetcher files its malformed answers the same way: stage {@code parse}, kind
 * {@code malformed_upstream_body}.
 */
public final class MalformedAnswers {

    private final ObjectMapper json;

    public MalformedAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** The target failed by a malformed answer, its body kept as the one dead letter. */
    public CaptureResult.Failed failed(
            Target target, FetchOutcome.Malformed<?> malformed, Instant capturedAt, Platform platform, String source) {
        return new CaptureResult.Failed(
                target,
                malformed.label(),
                malformed.reason(),
                List.of(letter(target, platform, source, malformed, capturedAt)));
    }

    /** The dead letter of a malformed answer read for {@code target} from {@code source} of {@code platform}. */
    public DeadLetterDocument letter(
            Target target, Platform platform, String source, FetchOutcome.Malformed<?> malformed, Instant capturedAt) {
        return letter(target.id(), platform, source, malformed, capturedAt);
    }

    /** The same for an answer read for several targets or none ({@code documentId}: the first one's id). */
    public DeadLetterDocument letter(
            String documentId,
            Platform platform,
            String source,
            FetchOutcome.Malformed<?> malformed,
            Instant capturedAt) {
        return new DeadLetterDocument(
                capturedAt,
                "parse",
                "malformed_upstream_body",
                malformed.reason(),
                null,
                documentId,
                platform,
                source,
                raw(malformed.rawBody()));
    }

    /** The body as JSON when it is JSON of an unexpected shape, else verbatim as a string. */
    private JsonNode raw(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null || node.isMissingNode() ? TextNode.valueOf(body) : node;
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(body);
        }
    }
}
