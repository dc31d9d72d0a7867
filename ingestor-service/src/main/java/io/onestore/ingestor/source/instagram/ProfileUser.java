package io.onestore.ingestor.source.instagram;

import static io.onestore.ingestor.source.instagram.JsonFields.optBoolean;
import static io.onestore.ingestor.source.instagram.JsonFields.optLong;
import static io.onestore.ingestor.source.instagram.JsonFields.optText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A profile in Instagram's GraphQL user shape: {@code graphql.user} (legacy) and {@code data.user} (web) carry the
 * same {@code edge_*} keys.
 *
 * @param media the timeline media the answer embeds; empty for a private profile
 * @param raw the user object without its media edges (those become posts, each with its own raw)
 */
public record ProfileUser(
        String id,
        String username,
        String fullName,
        Boolean verified,
        Boolean isPrivate,
        Long followers,
        Long following,
        Long mediaCount,
        NodeList<MediaNode> media,
        JsonNode raw) {

    public static ProfileUser from(JsonNode user) {
        if (!user.isObject()) {
            throw new IllegalArgumentException("no user object");
        }
        JsonNode timeline = user.path("edge_owner_to_timeline_media");
        List<JsonNode> nodes = new ArrayList<>();
        timeline.path("edges").forEach(edge -> nodes.add(edge.path("node")));
        return new ProfileUser(
                JsonFields.requiredText(user, "id"),
                JsonFields.requiredText(user, "username"),
                optText(user.path("full_name")),
                optBoolean(user.path("is_verified")),
                optBoolean(user.path("is_private")),
                optLong(user.path("edge_followed_by").path("count")),
                optLong(user.path("edge_follow").path("count")),
                optLong(timeline.path("count")),
                NodeList.read(nodes, MediaNode::from),
                withoutMediaEdges(user));
    }

    /** Drops the {@code edge_*} lists of media (timeline, videos, saved, collections); follower counts stay. */
    private static JsonNode withoutMediaEdges(JsonNode user) {
        ObjectNode copy = ((ObjectNode) user).deepCopy();
        List<String> drop = new ArrayList<>();
        copy.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("edge_") && (name.contains("media") || name.contains("timeline"))) {
                drop.add(name);
            }
        });
        copy.remove(drop);
        return copy;
    }
}
