package io.onestore.ingestor.capture.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;
import java.util.List;

/** Turns what a TikTok capture read into documents; {@code normalize/} implements it (pure, no I/O). */
public interface TikTokNormalizer {

    /**
     * @param videos Research API video objects, each video once
     * @param user the {@code data} of user info for a profile target; null for a hashtag target
     */
    CaptureBatch normalize(Target target, List<JsonNode> videos, JsonNode user, Instant capturedAt);
}
