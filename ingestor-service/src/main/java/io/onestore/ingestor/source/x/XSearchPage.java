package io.onestore.ingestor.source.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /2/tweets/search/recent}: {@code data[]} newest first, {@code includes.users[]} (the
 * authors, expanded by {@code author_id}), {@code meta}. A tweet whose author X could not return (deleted,
 * suspended) has no entry in {@code users}; X says so in {@code errors[]}, which a page may carry beside its data.
 *
 * @param tweets the tweet objects verbatim
 * @param users the expanded authors by id
 * @param nextToken the cursor of the next (older) page; null on the last
 * @param resultCount posts on this page, what X bills
 */
public record XSearchPage(List<JsonNode> tweets, Map<String, JsonNode> users, String nextToken, int resultCount) {

    public XSearchPage {
        tweets = List.copyOf(tweets);
        users = Map.copyOf(users);
    }

    public static XSearchPage read(JsonNode body) {
        JsonNode meta = body.path("meta");
        if (!meta.isObject()) {
            throw new IllegalArgumentException("no meta object");
        }
        List<JsonNode> tweets = new ArrayList<>();
        body.path("data").forEach(tweets::add);
        Map<String, JsonNode> users = new LinkedHashMap<>();
        body.path("includes")
                .path("users")
                .forEach(user -> users.put(user.path("id").asText(), user));
        String next = meta.path("next_token").asText(null);
        return new XSearchPage(tweets, users, next, meta.path("result_count").asInt(tweets.size()));
    }
}
