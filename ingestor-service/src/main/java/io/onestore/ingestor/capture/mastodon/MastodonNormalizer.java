package io.onestore.ingestor.capture.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;
import java.util.List;

/** Turns the statuses a capture read into documents; {@code normalize/} implements it (pure, no I/O). */
public interface MastodonNormalizer {

    /**
     * @param statuses Mastodon {@code Status} entities, each post once (the fetcher already merged what several
     *     servers served)
     */
    CaptureBatch normalize(Target target, List<JsonNode> statuses, Instant capturedAt);
}
