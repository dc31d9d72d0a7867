package io.onestore.ingestor.capture.bluesky;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;
import java.util.List;

/** Turns the stream's post events that matched a target into documents; {@code normalize/} implements it. */
public interface BlueskyNormalizer {

    /** @param posts create (or update) events of {@code app.bsky.feed.post}, each matched to {@code target} */
    CaptureBatch normalize(Target target, List<JetstreamEvent> posts, Instant capturedAt);
}
