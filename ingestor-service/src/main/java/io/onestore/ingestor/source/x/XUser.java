package io.onestore.ingestor.source.x;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /2/users/by/username/{username}}: the {@code data} user object verbatim. */
public record XUser(JsonNode user) {

    public static XUser read(JsonNode body) {
        JsonNode data = body.path("data");
        if (!data.isObject() || !data.hasNonNull("id")) {
            throw new IllegalArgumentException("no data user");
        }
        return new XUser(data);
    }
}
