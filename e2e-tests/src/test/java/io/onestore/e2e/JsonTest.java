package io.onestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The refresh the end-to-end tests read Elasticsearch after, against the real Elasticsearch: issue 17's "newest posts
 * missing at the end of the covered range" was a refresh sent with a body, which Elasticsearch refuses, so the search
 * after it did not see the last second of acknowledged writes.
 */
class JsonTest {

    @Test
    void aRefreshMakesEveryAcknowledgedWriteSearchableOrFailsLoudly() {
        String es = ElasticsearchTestServer.global().url();
        String index = es + "/" + ElasticsearchTestServer.indexPrefix(JsonTest.class) + "refresh";
        // No periodic refresh: a write is searchable only after an explicit one, as the last writes of a run are
        // when the test reads them.
        Json.put(index, Map.of("settings", Map.of("refresh_interval", "-1", "number_of_replicas", 0)))
                .ok();
        try {
            Json.post(index + "/_doc/1", Map.of("n", 1)).ok();

            assertThat(Json.post(index + "/_refresh", "{}").status())
                    .as("a refresh with a body is refused")
                    .isEqualTo(400);
            assertThat(hits(index))
                    .as("so the acknowledged write is not searchable")
                    .isZero();

            Json.refresh(index);
            assertThat(hits(index)).isEqualTo(1);
            assertThatThrownBy(() -> Json.refresh(index + "-missing"))
                    .as("a refresh that did not happen fails the test, not its comparison")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("404");
        } finally {
            Json.delete(index);
        }
    }

    private static long hits(String index) {
        return Json.post(index + "/_search", Map.of("track_total_hits", true))
                .ok()
                .body()
                .path("hits")
                .path("total")
                .path("value")
                .asLong();
    }
}
