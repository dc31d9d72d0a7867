package io.onestore.ingestor.capture.bluesky;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;
import java.util.List;

/** Turns the stream's post events that matched a target into documents; {@code normalize/} implements it. */
public interface BlueskyNormalizer {

    /**
     * Posts whose creation the live stream read: every like and repost after it is counted by the stream, so their
     * counts are known, from 0.
     *
     * @param posts create (or update) events of {@code app.bsky.feed.post}, each matched to {@code target}
     */
    CaptureBatch normalize(Target target, List<JetstreamEvent> posts, Instant capturedAt);

    /**
     * Posts a back-fill read: their likes and reposts before the live stream joined were never seen, so their counts
     * are unknown (absent), not 0.
     */
    CaptureBatch backfilled(Target target, List<JetstreamEvent> posts, Instant capturedAt);
}
