package io.onestore.ingestor.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import io.onestore.ingestor.index.ItemClassifier.Action;
import org.junit.jupiter.api.Test;

/**
 * The statuses a healthy test server does not produce on demand (429, 5xx); the ones it does (409, strict mapping)
 * are covered against the real server in {@link BulkIndexerTest}.
 */
class ItemClassifierTest {

    @Test
    void classifiesEveryKindOfAnswer() {
        assertThat(ItemClassifier.classify(item(201, null))).isEqualTo(Action.DONE);
        assertThat(ItemClassifier.classify(item(409, "version_conflict_engine_exception")))
                .isEqualTo(Action.CONFLICT);
        assertThat(ItemClassifier.classify(item(404, "document_missing_exception")))
                .isEqualTo(Action.CONFLICT);
        assertThat(ItemClassifier.classify(item(429, "es_rejected_execution_exception")))
                .isEqualTo(Action.RETRY);
        assertThat(ItemClassifier.classify(item(503, "unavailable_shards_exception")))
                .isEqualTo(Action.RETRY);
        assertThat(ItemClassifier.classify(item(404, "index_not_found_exception")))
                .as("require_alias refused a missing alias: wait for the install, do not dead-letter")
                .isEqualTo(Action.RETRY);
        assertThat(ItemClassifier.classify(item(400, "mapper_parsing_exception")))
                .isEqualTo(Action.DEAD_LETTER);
        assertThat(ItemClassifier.classify(item(400, "strict_dynamic_mapping_exception")))
                .isEqualTo(Action.DEAD_LETTER);
    }

    private static BulkResponseItem item(int status, String errorType) {
        return BulkResponseItem.of(b -> {
            b.operationType(OperationType.Index)
                    .index("t-posts-000001")
                    .id("instagram:1")
                    .status(status);
            if (errorType != null) {
                b.error(e -> e.type(errorType).reason("scripted"));
            }
            return b;
        });
    }
}
