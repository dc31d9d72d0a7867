package io.onestore.ingestor.source.instagram.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the media out of the rows ({@code sections[]}) of a web tag answer, whatever their layout, as far as the
 * layout is known. Instagram lays a tag page out in rows whose {@code layout_content} carries media in several
 * containers; these are the ones public collectors (instaloader, instagrapi, RSSHub, Swiftagram, the web and app
 * clients) read:
 *
 * <ul>
 *   <li>{@code medias[].media}, or {@code medias.items[].media} ({@code media_grid} rows);
 *   <li>{@code fill_items[].media} (the small tiles beside a large one);
 *   <li>{@code one_by_two_item.clips.items[].media}, {@code one_by_two_item.medias.items[].media},
 *       {@code one_by_two_item.media}, and the same inside each of {@code one_by_two_items[]} (reels rows);
 *   <li>{@code two_by_two_item.clips.items[].media}, {@code .channel.media}, {@code .igtv.media},
 *       {@code .medias.items[].media}, {@code .media};
 *   <li>{@code three_by_four_item.clips.items[].media}, {@code one_by_one_item.media}.
 * </ul>
 *
 * A row whose {@code layout_content} holds anything else, or a known container in a shape none of these match, is
 * an unknown layout: returned verbatim so that it is kept as a dead letter and counted, instead of its posts
 * vanishing without a trace (issue 10). Ad tiles ({@code two_by_two_ad_item}) carry no post of the tag and are skipped.
 */
final class WebSectionLayouts {

    private static final Set<String> TILES =
            Set.of("one_by_two_item", "two_by_two_item", "three_by_four_item", "one_by_one_item");
    private static final Set<String> NO_POSTS = Set.of("two_by_two_ad_item");

    /** The media nodes of all known rows, and the rows that are not known, verbatim. */
    record Read(List<JsonNode> media, List<JsonNode> unknownSections) {}

    private WebSectionLayouts() {}

    static Read read(JsonNode sections) {
        List<JsonNode> media = new ArrayList<>();
        List<JsonNode> unknown = new ArrayList<>();
        for (JsonNode section : sections) {
            List<JsonNode> found = new ArrayList<>();
            if (readSection(section.path("layout_content"), found)) {
                media.addAll(found);
            } else {
                unknown.add(section);
            }
        }
        return new Read(media, unknown);
    }

    /** False when the row holds a container this reader does not know, or a known one in an unknown shape. */
    private static boolean readSection(JsonNode content, List<JsonNode> found) {
        if (!content.isObject() || content.isEmpty()) {
            return false;
        }
        var names = content.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value = content.get(name);
            boolean known;
            if (value.isNull() || NO_POSTS.contains(name)) {
                known = true;
            } else if (name.equals("medias")) {
                known = items(value.isArray() ? value : value.path("items"), found);
            } else if (name.equals("fill_items")) {
                known = items(value, found);
            } else if (name.equals("one_by_two_items")) {
                known = value.isArray();
                for (JsonNode tile : value) {
                    known &= tile(tile, found);
                }
            } else if (TILES.contains(name)) {
                known = tile(value, found);
            } else {
                known = false;
            }
            if (!known) {
                return false;
            }
        }
        return true;
    }

    /** A large tile: a clips strip, a channel or IGTV teaser, a media list, or one media. */
    private static boolean tile(JsonNode tile, List<JsonNode> found) {
        if (tile.path("clips").isObject()) {
            return items(tile.path("clips").path("items"), found);
        }
        if (tile.path("medias").isObject()) {
            return items(tile.path("medias").path("items"), found);
        }
        for (String single : List.of("channel", "igtv")) {
            if (tile.path(single).path("media").isObject()) {
                found.add(tile.path(single).path("media"));
                return true;
            }
        }
        if (tile.path("media").isObject()) {
            found.add(tile.path("media"));
            return true;
        }
        return false;
    }

    /** {@code [{"media": {...}}]}; an item without a media object is handed on whole, to be an unreadable node. */
    private static boolean items(JsonNode list, List<JsonNode> found) {
        if (!list.isArray()) {
            return false;
        }
        list.forEach(item -> found.add(item.path("media").isObject() ? item.path("media") : item));
        return true;
    }
}
