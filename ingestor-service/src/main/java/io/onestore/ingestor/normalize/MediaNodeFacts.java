package io.onestore.ingestor.normalize;

import io.onestore.ingestor.source.instagram.MediaNode;
import io.onestore.model.document.Author;
import io.onestore.model.document.MediaType;
import java.time.Instant;

/** The GraphQL media node (legacy tag feed, legacy and web profiles) as {@link PostFacts}. */
final class MediaNodeFacts {

    private MediaNodeFacts() {}

    /** @param author who posted it, when the caller knows better than the node (a profile's own timeline) */
    static PostFacts of(MediaNode node, Author author) {
        Author owner = author != null
                ? author
                : node.ownerId() == null ? null : Author.of(node.ownerId(), node.ownerUsername());
        return new PostFacts(
                node.id(),
                PostFacts.permalink(node.shortcode()),
                owner,
                node.caption(),
                mediaType(node),
                node.takenAt() == null ? null : Instant.ofEpochSecond(node.takenAt()),
                node.likes(),
                PostFacts.hiddenLikes(node.likes(), node.likesDisabled()),
                node.comments(),
                node.video() ? node.videoViews() : null,
                node.raw());
    }

    private static MediaType mediaType(MediaNode node) {
        if ("GraphSidecar".equals(node.typename())) {
            return MediaType.CAROUSEL;
        }
        return node.video() || "GraphVideo".equals(node.typename()) ? MediaType.VIDEO : MediaType.PHOTO;
    }
}
