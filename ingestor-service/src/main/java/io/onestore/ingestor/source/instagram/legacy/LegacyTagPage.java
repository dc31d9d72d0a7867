package io.onestore.ingestor.source.instagram.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.instagram.JsonFields;
import io.onestore.ingestor.source.instagram.MediaNode;
import io.onestore.ingestor.source.instagram.NodeList;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of {@code GET /explore/tags/{tag}/?__a=1}: {@code graphql.hashtag{name, edge_hashtag_to_media{count,
 * page_info, edges[].node}, edge_hashtag_to_top_posts{edges[].node}}}.
 *
 * @param mediaCount the tag's size as Instagram counts it (private posts included)
 * @param top present on the first page only
 * @param endCursor where the next page starts ({@code max_id}); null on the last page
 */
public record LegacyTagPage(
        String name, Long mediaCount, NodeList<MediaNode> recent, NodeList<MediaNode> top, String endCursor) {

    public static LegacyTagPage from(JsonNode root) {
        JsonNode hashtag = root.path("graphql").path("hashtag");
        if (!hashtag.isObject()) {
            throw new IllegalArgumentException("no graphql.hashtag");
        }
        JsonNode media = hashtag.path("edge_hashtag_to_media");
        JsonNode pageInfo = media.path("page_info");
        String cursor = pageInfo.path("has_next_page").asBoolean(false)
                ? JsonFields.optText(pageInfo.path("end_cursor"))
                : null;
        return new LegacyTagPage(
                JsonFields.optText(hashtag.path("name")),
                JsonFields.optLong(media.path("count")),
                nodes(media),
                nodes(hashtag.path("edge_hashtag_to_top_posts")),
                cursor);
    }

    private static NodeList<MediaNode> nodes(JsonNode edgeContainer) {
        List<JsonNode> nodes = new ArrayList<>();
        edgeContainer.path("edges").forEach(edge -> nodes.add(edge.path("node")));
        return NodeList.read(nodes, MediaNode::from);
    }
}
