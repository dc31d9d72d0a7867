package io.onestore.ingestor.source.instagram.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.instagram.JsonFields;
import io.onestore.ingestor.source.instagram.NodeList;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/tags/web_info/?tag_name=} → {@code data{name, media_count, top|recent{sections[]}}}. A section
 * lays its media out as {@code layout_content.medias[].media} or, for reels rows, {@code fill_items[].media}.
 *
 * @param mediaCount the tag's size (private posts included)
 * @param nextMaxId the cursor of the recent list's next page ({@code recent.next_max_id}); null when
 *     {@code recent.more_available} is false
 */
public record WebTagInfo(
        String name, Long mediaCount, NodeList<WebMedia> top, NodeList<WebMedia> recent, String nextMaxId) {

    public static WebTagInfo from(JsonNode root) {
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new IllegalArgumentException("no data object");
        }
        return new WebTagInfo(
                JsonFields.optText(data.path("name")),
                JsonFields.optLong(data.path("media_count")),
                medias(data.path("top")),
                medias(data.path("recent")),
                data.path("recent").path("more_available").asBoolean(false)
                        ? JsonFields.optText(data.path("recent").path("next_max_id"))
                        : null);
    }

    private static NodeList<WebMedia> medias(JsonNode list) {
        List<JsonNode> media = new ArrayList<>();
        for (JsonNode section : list.path("sections")) {
            JsonNode layout = section.path("layout_content");
            layout.path("medias").forEach(item -> media.add(item.path("media")));
            layout.path("fill_items").forEach(item -> media.add(item.path("media")));
        }
        return NodeList.read(media, WebMedia::from);
    }
}
