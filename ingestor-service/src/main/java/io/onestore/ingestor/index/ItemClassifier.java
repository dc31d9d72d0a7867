package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;

/** What to do with one answered bulk item. */
final class ItemClassifier {

    enum Action {
        DONE,
        CONFLICT,
        RETRY,
        DEAD_LETTER
    }

    private ItemClassifier() {}

    static Action classify(BulkResponseItem item) {
        if (item.error() == null) {
            return Action.DONE;
        }
        int status = item.status();
        if (status == 409 || "document_missing_exception".equals(item.error().type())) {
            // The post changed or vanished since it was read: merge again with what is stored now.
            return Action.CONFLICT;
        }
        if (status == 429 || status >= 500 || isMissingAlias(item.error())) {
            return Action.RETRY;
        }
        return Action.DEAD_LETTER;
    }

    /**
     * {@code require_alias} refuses a write when the alias is missing (404): the contract is not installed yet or was
     * deleted. The document is fine, so it waits (retried, then spooled) until the start-up install puts it back,
     * instead of being dead-lettered or auto-creating an index with a guessed mapping.
     */
    private static boolean isMissingAlias(ErrorCause error) {
        return "index_not_found_exception".equals(error.type());
    }
}
