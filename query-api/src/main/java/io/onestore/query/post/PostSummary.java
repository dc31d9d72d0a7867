package io.onestore.query.post;

import io.onestore.model.document.PostDocument;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A post as the API shows it. {@code likes} is null when unknown (hidden by the author or not sent upstream), never
 * -1; {@code engagement} is null when none of likes, comments and shares is known (a back-filled Bluesky post,
 * docs/open-networks.md), never 0 in disguise; {@code author} is null for Graph API hashtag media, which carry none.
 */
public record PostSummary(
        String id,
        String platform,
        String url,
        String authorId,
        String authorUsername,
        Instant publishedAt,
        String caption,
        List<String> hashtags,
        Long likes,
        boolean likesHidden,
        Long comments,
        Long views,
        @Schema(
                        description = "likes + comments + shares over the known ones; null when none is known (on"
                                + " Bluesky: a post back-filled before the live stream read it, whose earlier likes"
                                + " were never seen)")
                Long engagement,
        Double sentiment) {

    public static PostSummary of(String id, PostDocument post) {
        return new PostSummary(
                id,
                post.platform() == null ? null : post.platform().key(),
                post.url(),
                post.author() == null ? null : post.author().id(),
                post.author() == null ? null : post.author().username(),
                post.publishedAt(),
                post.caption(),
                post.hashtags() == null ? List.of() : post.hashtags(),
                post.likesHidden() || post.likes() == null || post.likes() < 0 ? null : post.likes(),
                post.likesHidden(),
                post.comments(),
                post.views(),
                post.engagement(),
                post.sentiment() == null ? null : post.sentiment().compound());
    }

    /**
     * The source fields {@link #of} reads, and so the only ones a search for summaries asks for: the rest of a stored
     * post (the verbatim upstream payload above all) is several times as large, and Elasticsearch would send it and
     * the client parse it for nothing.
     */
    public static final List<String> SOURCE_FIELDS = List.of(
            "platform",
            "url",
            "author.id",
            "author.username",
            "published_at",
            "caption",
            "hashtags",
            "likes",
            "likes_hidden",
            "comments",
            "views",
            "engagement",
            "sentiment.compound");
}
