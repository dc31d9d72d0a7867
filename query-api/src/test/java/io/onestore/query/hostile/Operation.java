package io.onestore.query.hostile;

import java.util.List;

/** An operation of the API as the OpenAPI description names it, with the query parameters it reads. */
record Operation(String method, String path, List<String> parameters) {

    String key() {
        return method + " " + path;
    }

    static List<Operation> all() {
        List<String> window = List.of("hashtags", "from", "to");
        return List.of(
                new Operation("GET", "/api/v1/campaigns", List.of("limit")),
                new Operation("POST", "/api/v1/campaigns", List.of()),
                new Operation("GET", "/api/v1/campaigns/{id}", List.of()),
                new Operation("DELETE", "/api/v1/campaigns/{id}", List.of()),
                new Operation("GET", "/api/v1/campaigns/{id}/report", List.of("interval")),
                new Operation("GET", "/api/v1/insights/influencers", concat(window, "limit")),
                new Operation("GET", "/api/v1/insights/share-of-voice", concat(window, "metric", "platform")),
                new Operation("GET", "/api/v1/insights/sentiment", concat(window, "interval")),
                new Operation("GET", "/api/v1/insights/spikes", concat(window, "interval", "k")),
                new Operation("GET", "/api/v1/targets", List.of("kind", "campaign", "underCovered", "page", "size")),
                new Operation("GET", "/api/v1/targets/{id}", List.of()),
                new Operation("GET", "/api/v1/tags/{tag}/trend", List.of("from", "to", "interval", "platform")),
                new Operation("GET", "/api/v1/tags/{tag}/volume", List.of("from", "to", "interval", "platform")),
                new Operation(
                        "GET",
                        "/api/v1/posts",
                        List.of("hashtag", "author", "q", "from", "to", "sort", "page", "size")));
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
