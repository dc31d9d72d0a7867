package io.onestore.ingestor.normalize;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.source.instagram.ProfileUser;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Author;
import io.onestore.model.document.Platform;
import io.onestore.model.document.ProfileSnapshotDocument;
import java.time.Instant;
import java.util.List;

/**
 * A profile in the GraphQL user shape (legacy {@code graphql.user}, web {@code data.user}) as a profile snapshot
 * plus the timeline posts it embeds, authored by the profile itself. A private profile has counts but no media.
 */
public final class ProfileUserNormalizer {

    private final CaptureAssembler assembler;

    public ProfileUserNormalizer(CaptureAssembler assembler) {
        this.assembler = assembler;
    }

    /** @param source {@code instagram-legacy} or {@code instagram-web} */
    public CaptureBatch normalize(Target target, ProfileUser user, Instant capturedAt, String source) {
        ProfileSnapshotDocument snapshot = new ProfileSnapshotDocument(
                Platform.INSTAGRAM,
                user.id(),
                user.username(),
                user.fullName(),
                user.followers(),
                user.following(),
                user.mediaCount(),
                user.verified(),
                user.isPrivate(),
                capturedAt,
                source,
                user.raw());
        Author author = new Author(user.id(), user.username(), user.fullName(), user.followers(), user.verified());
        List<PostFacts> facts = user.media().items().stream()
                .map(node -> MediaNodeFacts.of(node, author))
                .toList();
        return assembler.profile(
                target, capturedAt, source, snapshot, facts, user.media().unreadable());
    }
}
