package io.onestore.ingestor.normalize;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.source.instagram.graph.GraphBusinessProfile;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Author;
import io.onestore.model.document.Platform;
import io.onestore.model.document.ProfileSnapshotDocument;
import java.time.Instant;
import java.util.List;

/**
 * A Graph business discovery answer as a profile snapshot plus the profile's latest media. Unlike hashtag media,
 * these posts have a known author: the discovered account itself.
 */
public final class GraphProfileNormalizer {

    private final CaptureAssembler assembler;

    public GraphProfileNormalizer(CaptureAssembler assembler) {
        this.assembler = assembler;
    }

    public CaptureBatch normalize(Target target, GraphBusinessProfile profile, Instant capturedAt) {
        ProfileSnapshotDocument snapshot = new ProfileSnapshotDocument(
                Platform.INSTAGRAM,
                profile.id(),
                profile.username(),
                profile.name(),
                profile.followers(),
                profile.follows(),
                profile.mediaCount(),
                null,
                null,
                capturedAt,
                GraphHashtagNormalizer.SOURCE,
                profile.raw());
        Author author = new Author(profile.id(), profile.username(), profile.name(), profile.followers(), null);
        List<PostFacts> facts = profile.media().items().stream()
                .map(media -> GraphMediaFacts.of(media, author))
                .toList();
        return assembler.profile(
                target,
                capturedAt,
                GraphHashtagNormalizer.SOURCE,
                snapshot,
                facts,
                profile.media().unreadable());
    }
}
