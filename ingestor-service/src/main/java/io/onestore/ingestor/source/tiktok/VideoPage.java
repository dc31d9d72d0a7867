package io.onestore.ingestor.source.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a video search as TikTok sent it.
 *
 * @param videos the {@code data.videos} elements, verbatim
 * @param cursor {@code data.cursor}: the offset of the next page
 * @param hasMore {@code data.has_more}
 * @param searchId {@code data.search_id}: send it with the next page's cursor
 */
public record VideoPage(List<JsonNode> videos, int cursor, boolean hasMore, String searchId) {

    public VideoPage {
        videos = List.copyOf(videos);
    }
}
