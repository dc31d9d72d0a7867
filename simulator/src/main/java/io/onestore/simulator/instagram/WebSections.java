package io.onestore.simulator.instagram;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.MediaKind;
import io.onestore.simulator.world.Post;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of the web tag answer as the web client receives them. Grid rows of three: {@code media_grid} with
 * {@code layout_content.medias[].media}. Every second row, when a reel is among the next five posts, a clips row
 * instead: {@code one_by_two_left} or {@code one_by_two_right}, the reel in
 * {@code layout_content.one_by_two_item.clips.items[].media} and the four posts beside it in
 * {@code layout_content.fill_items[].media} (so a page mixes both, as upstream does since reels got their own tile).
 * With {@code web-layout.unknown-section} the last row of a page comes in a layout no collector knows, to test that
 * a layout change is noticed rather than silently losing its posts.
 */
final class WebSections {

    /** A layout name and shape that no public collector reads; its posts are only reachable by knowing it. */
    static final String UNKNOWN_LAYOUT = "media_carousel_v2";

    private static final int GRID = 3;
    private static final int FILL = 4;

    private WebSections() {}

    static List<Object> of(List<Post> posts, long now, SimulatorProperties.WebLayout layout) {
        List<Object> sections = new ArrayList<>();
        int i = 0;
        while (i < posts.size()) {
            int rest = posts.size() - i;
            int reel = sections.size() % 2 == 1 && layout.clipsRows() ? reelAmong(posts, i) : -1;
            int size = reel >= 0 ? FILL + 1 : Math.min(GRID, rest);
            List<Post> row = posts.subList(i, i + size);
            boolean last = i + size >= posts.size();
            if (last && layout.unknownSection()) {
                sections.add(unknown(row, now));
            } else if (reel >= 0) {
                sections.add(clips(row, reel - i, sections.size(), now));
            } else {
                sections.add(grid(row, now));
            }
            i += size;
        }
        return sections;
    }

    /** Index of the first reel among the five posts from {@code from}, or -1 when there are not five or no reel. */
    private static int reelAmong(List<Post> posts, int from) {
        if (posts.size() - from < FILL + 1) {
            return -1;
        }
        for (int k = from; k < from + FILL + 1; k++) {
            if (posts.get(k).kind() == MediaKind.VIDEO) {
                return k;
            }
        }
        return -1;
    }

    private static Map<String, Object> grid(List<Post> row, long now) {
        return Json.object(
                "layout_type",
                "media_grid",
                "feed_type",
                "media",
                "layout_content",
                Json.object("medias", items(row, now)));
    }

    private static Map<String, Object> clips(List<Post> row, int reel, int index, long now) {
        List<Post> fill = new ArrayList<>(row);
        Post clip = fill.remove(reel);
        return Json.object(
                "layout_type",
                index % 4 == 1 ? "one_by_two_left" : "one_by_two_right",
                "feed_type",
                "clips",
                "layout_content",
                Json.object(
                        "one_by_two_item",
                                Json.object(
                                        "clips",
                                        Json.object(
                                                "id",
                                                "clips_" + clip.shortcode(),
                                                "items",
                                                items(List.of(clip), now),
                                                "max_id",
                                                null,
                                                "more_available",
                                                false)),
                        "fill_items", items(fill, now)));
    }

    private static Map<String, Object> unknown(List<Post> row, long now) {
        return Json.object(
                "layout_type",
                UNKNOWN_LAYOUT,
                "feed_type",
                "media",
                "layout_content",
                Json.object("carousel", Json.object("cards", items(row, now))));
    }

    private static List<Object> items(List<Post> posts, long now) {
        return posts.stream()
                .<Object>map(p -> Json.object("media", InstagramShapes.webMedia(p, now)))
                .toList();
    }
}
