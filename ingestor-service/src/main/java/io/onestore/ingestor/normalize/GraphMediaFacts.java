package io.onestore.ingestor.normalize;

import io.onestore.ingestor.source.instagram.graph.GraphMedia;
import io.onestore.model.document.Author;
import io.onestore.model.document.MediaType;

/** A Graph API IG Media node as {@link PostFacts}. */
final class GraphMediaFacts {

    private GraphMediaFacts() {}

    /** @param author null for hashtag media: the Graph API strips it and we never make one up */
    static PostFacts of(GraphMedia media, Author author) {
        MediaType type =
                switch (media.mediaType() == null ? "" : media.mediaType()) {
                    case "VIDEO", "REELS" -> MediaType.VIDEO;
                    case "CAROUSEL_ALBUM" -> MediaType.CAROUSEL;
                    default -> MediaType.PHOTO;
                };
        // A requested like_count is omitted when the owner hides it; there is no flag to read instead.
        boolean hidden = media.likeCount() == null || media.likeCount() < 0;
        return new PostFacts(
                media.id(),
                media.permalink(),
                author,
                media.caption(),
                type,
                media.timestamp(),
                media.likeCount(),
                hidden,
                media.commentsCount(),
                null,
                media.raw());
    }
}
