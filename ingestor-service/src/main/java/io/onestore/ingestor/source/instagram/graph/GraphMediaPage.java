package io.onestore.ingestor.source.instagram.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.instagram.JsonFields;
import io.onestore.ingestor.source.instagram.NodeList;

/**
 * {@code {data[], paging{cursors{after}, next}}}: one page of a hashtag's {@code recent_media} or {@code top_media}.
 *
 * @param after the cursor of the next page; null when {@code paging.next} is absent (last page)
 */
public record GraphMediaPage(NodeList<GraphMedia> media, String after) {

    public static GraphMediaPage from(JsonNode root) {
        if (!root.path("data").isArray()) {
            throw new IllegalArgumentException("no data array");
        }
        JsonNode paging = root.path("paging");
        String after = paging.hasNonNull("next")
                ? JsonFields.optText(paging.path("cursors").path("after"))
                : null;
        return new GraphMediaPage(NodeList.read(root.path("data"), GraphMedia::from), after);
    }
}
