package io.onestore.ingestor.normalize;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.instagram.InstagramNormalizer;
import io.onestore.ingestor.capture.instagram.InstagramPayload;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;

/** Sends each Instagram payload to the normaliser of its shape. Pure: no I/O, no clock. */
public final class InstagramPayloadNormalizer implements InstagramNormalizer {

    private final WebTagNormalizer webTags;
    private final LegacyTagNormalizer legacyTags;
    private final ProfileUserNormalizer profiles;
    private final GraphHashtagNormalizer graphHashtags;
    private final GraphProfileNormalizer graphProfiles;

    public InstagramPayloadNormalizer(CaptureAssembler assembler) {
        this.webTags = new WebTagNormalizer(assembler);
        this.legacyTags = new LegacyTagNormalizer(assembler);
        this.profiles = new ProfileUserNormalizer(assembler);
        this.graphHashtags = new GraphHashtagNormalizer(assembler);
        this.graphProfiles = new GraphProfileNormalizer(assembler);
    }

    @Override
    public CaptureBatch normalize(Target target, InstagramPayload payload, Instant capturedAt, String source) {
        // Java 17: no pattern matching in switch yet; the interface is sealed, so this chain is complete.
        if (payload instanceof InstagramPayload.WebTag web) {
            return webTags.normalize(target, web.pages(), capturedAt);
        }
        if (payload instanceof InstagramPayload.LegacyTag legacy) {
            return legacyTags.normalize(target, legacy.pages(), capturedAt);
        }
        if (payload instanceof InstagramPayload.Profile profile) {
            return profiles.normalize(target, profile.user(), capturedAt, source);
        }
        if (payload instanceof InstagramPayload.GraphHashtag graph) {
            return graphHashtags.normalize(target, graph.top(), graph.recent(), capturedAt);
        }
        if (payload instanceof InstagramPayload.GraphProfile graph) {
            return graphProfiles.normalize(target, graph.profile(), capturedAt);
        }
        throw new IllegalArgumentException(
                "no normaliser for " + payload.getClass().getSimpleName());
    }
}
