package io.onestore.ingestor.source.instagram.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.instagram.JsonFields;
import io.onestore.ingestor.source.instagram.NodeList;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/tags/web_info/?tag_name=} → {@code data{name, media_count, top|recent{sections[]}}}. Rows come
 * in several layouts (grid rows, clips rows with a reel beside fill items, …): {@link WebSectionLayouts} reads every
 * layout known, and hands back the rows it does not know.
 *
 * @param mediaCount the tag's size (private posts included)
 * @param unknownSections rows of either list in a layout no reader knows, verbatim (their posts are not in
 *     {@code top} or {@code recent}): kept as dead letters and counted, so that a layout change shows
 * @param nextMaxId the cursor of the recent list's next page ({@code recent.next_max_id}); null when
 *     {@code recent.more_available} is false
 */
public record WebTagInfo(
        String name,
        Long mediaCount,
        NodeList<WebMedia> top,
        NodeList<WebMedia> recent,
        List<JsonNode> unknownSections,
        String nextMaxId) {

    public WebTagInfo {
        unknownSections = List.copyOf(unknownSections);
    }

    public static WebTagInfo from(JsonNode root) {
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new IllegalArgumentException("no data object");
        }
        WebSectionLayouts.Read top = WebSectionLayouts.read(data.path("top").path("sections"));
        WebSectionLayouts.Read recent =
                WebSectionLayouts.read(data.path("recent").path("sections"));
        List<JsonNode> unknown = new ArrayList<>(top.unknownSections());
        unknown.addAll(recent.unknownSections());
        return new WebTagInfo(
                JsonFields.optText(data.path("name")),
                JsonFields.optLong(data.path("media_count")),
                NodeList.read(top.media(), WebMedia::from),
                NodeList.read(recent.media(), WebMedia::from),
                unknown,
                data.path("recent").path("more_available").asBoolean(false)
                        ? JsonFields.optText(data.path("recent").path("next_max_id"))
                        : null);
    }
}
