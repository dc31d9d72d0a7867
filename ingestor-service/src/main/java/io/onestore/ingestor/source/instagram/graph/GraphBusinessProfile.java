package io.onestore.ingestor.source.instagram.graph;

import static io.onestore.ingestor.source.instagram.JsonFields.optLong;
import static io.onestore.ingestor.source.instagram.JsonFields.optText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.ingestor.source.instagram.JsonFields;
import io.onestore.ingestor.source.instagram.NodeList;

/**
 * {@code GET /{ig-user-id}?fields=business_discovery.username(h){…}} → {@code business_discovery{id, username, name,
 * followers_count, follows_count, media_count, media{data[]}}}. Only business and creator accounts can be
 * discovered; a personal account answers with an error.
 *
 * @param raw the business_discovery object without its media
 */
public record GraphBusinessProfile(
        String id,
        String username,
        String name,
        Long followers,
        Long follows,
        Long mediaCount,
        NodeList<GraphMedia> media,
        JsonNode raw) {

    public static GraphBusinessProfile from(JsonNode root) {
        JsonNode profile = root.path("business_discovery");
        if (!profile.isObject()) {
            throw new IllegalArgumentException("no business_discovery object");
        }
        ObjectNode raw = ((ObjectNode) profile).deepCopy();
        raw.remove("media");
        return new GraphBusinessProfile(
                JsonFields.requiredText(profile, "id"),
                JsonFields.requiredText(profile, "username"),
                optText(profile.path("name")),
                optLong(profile.path("followers_count")),
                optLong(profile.path("follows_count")),
                optLong(profile.path("media_count")),
                NodeList.read(profile.path("media").path("data"), GraphMedia::from),
                raw);
    }
}
