package io.onestore.ingestor.source.instagram;

import static io.onestore.ingestor.source.instagram.JsonFields.optBoolean;
import static io.onestore.ingestor.source.instagram.JsonFields.optLong;
import static io.onestore.ingestor.source.instagram.JsonFields.optText;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A media node in Instagram's GraphQL shape, as the legacy tag feed and both profile endpoints (legacy and web)
 * return it under {@code edges[].node}.
 *
 * @param likes {@code edge_liked_by.count}, else {@code edge_media_preview_like.count}; -1 or 3 when hidden
 * @param likesDisabled {@code like_and_view_counts_disabled}, sent by newer payloads with a placeholder count
 * @param raw the node verbatim
 */
public record MediaNode(
        String id,
        String shortcode,
        Long takenAt,
        String ownerId,
        String ownerUsername,
        String typename,
        boolean video,
        String caption,
        Long likes,
        boolean likesDisabled,
        Long comments,
        Long videoViews,
        JsonNode raw) {

    /** Throws {@link IllegalArgumentException} for a node without id or shortcode: it cannot become a post. */
    public static MediaNode from(JsonNode node) {
        JsonNode likeEdge = node.path("edge_liked_by").has("count")
                ? node.path("edge_liked_by")
                : node.path("edge_media_preview_like");
        JsonNode commentEdge = node.path("edge_media_to_comment").has("count")
                ? node.path("edge_media_to_comment")
                : node.path("edge_media_preview_comment");
        return new MediaNode(
                JsonFields.requiredText(node, "id"),
                JsonFields.requiredText(node, "shortcode"),
                optLong(node.path("taken_at_timestamp")),
                optText(node.path("owner").path("id")),
                optText(node.path("owner").path("username")),
                optText(node.path("__typename")),
                node.path("is_video").asBoolean(false),
                optText(node.path("edge_media_to_caption")
                        .path("edges")
                        .path(0)
                        .path("node")
                        .path("text")),
                optLong(likeEdge.path("count")),
                Boolean.TRUE.equals(optBoolean(node.path("like_and_view_counts_disabled"))),
                optLong(commentEdge.path("count")),
                optLong(node.path("video_view_count")),
                node);
    }
}
