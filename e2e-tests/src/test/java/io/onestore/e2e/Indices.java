package io.onestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One ingestor's indices ({@code prefix}) on the test Elasticsearch ({@code es}), read over plain HTTP. */
record Indices(String es, String prefix) {

    /** How many documents of {@code index} match {@code query}; 0 before the index is installed. */
    long count(String index, String query) {
        Json.Answer answer = Json.post(es + "/" + prefix + index + "/_count", "{\"query\": " + query + "}");
        if (answer.status() == 404) {
            return 0; // not installed yet
        }
        assertThat(answer.status()).as("count %s: %s", index, answer).isEqualTo(200);
        return answer.body().get("count").asLong();
    }

    /** The sources of the matching documents (without {@code raw}), newest capture first for the snapshots. */
    List<JsonNode> search(String index, String query, int size) {
        String sort = index.endsWith("snapshots") ? ", \"sort\": [{\"captured_at\": \"desc\"}]" : "";
        Json.Answer answer = Json.post(
                es + "/" + prefix + index + "/_search",
                "{\"size\": " + size + ", \"query\": " + query + sort + ", \"_source\": {\"excludes\": [\"raw\"]}}");
        assertThat(answer.status()).as("search %s: %s", index, answer).isEqualTo(200);
        List<JsonNode> sources = new ArrayList<>();
        answer.body().at("/hits/hits").forEach(hit -> sources.add(hit.get("_source")));
        return sources;
    }
}
