package io.onestore.ingestor.source.instagram.graph;

import static io.onestore.ingestor.source.instagram.JsonFields.optLong;
import static io.onestore.ingestor.source.instagram.JsonFields.optText;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.instagram.JsonFields;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * An IG Media node as hashtag media and business discovery return it ({@code fields=id,caption,comments_count,
 * like_count,media_type,permalink,timestamp}). It has no author: Meta strips it from hashtag media.
 *
 * @param likeCount absent when the owner hides like counts: the Graph API omits a requested {@code like_count} then
 * @param mediaType {@code IMAGE}, {@code VIDEO} or {@code CAROUSEL_ALBUM}
 * @param raw the node verbatim
 */
public record GraphMedia(
        String id,
        String caption,
        Long commentsCount,
        Long likeCount,
        String mediaType,
        String permalink,
        Instant timestamp,
        JsonNode raw) {

    /** The fields every media request asks for; {@code like_count} must be among them for its absence to mean "hidden". */
    public static final String FIELDS = "id,caption,comments_count,like_count,media_type,permalink,timestamp";

    /** Graph timestamps carry the offset without a colon: {@code 2026-11-20T10:15:30+0000}. */
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    public static GraphMedia from(JsonNode node) {
        return new GraphMedia(
                JsonFields.requiredText(node, "id"),
                optText(node.path("caption")),
                optLong(node.path("comments_count")),
                optLong(node.path("like_count")),
                optText(node.path("media_type")),
                optText(node.path("permalink")),
                timestamp(optText(node.path("timestamp"))),
                node);
    }

    private static Instant timestamp(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, GRAPH_TIME).toInstant();
        } catch (DateTimeParseException notGraphStyle) {
            return OffsetDateTime.parse(value).toInstant();
        }
    }
}
