package io.onestore.ingestor.capture.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.document.ProfileSnapshotDocument;
import java.time.Instant;

/** Turns an AppView {@code profileViewDetailed} into a profile snapshot; {@code normalize/} implements it. */
public interface ProfileViewNormalizer {

    /**
     * @param profileView one {@code app.bsky.actor.defs#profileViewDetailed} (it has a {@code did})
     * @return the snapshot of platform {@code bluesky}, {@code user_id} the DID, {@code username} the handle
     */
    ProfileSnapshotDocument snapshot(JsonNode profileView, Instant capturedAt);
}
