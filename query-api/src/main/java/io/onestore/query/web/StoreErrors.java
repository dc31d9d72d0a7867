package io.onestore.query.web;

import co.elastic.clients.elasticsearch._types.ErrorCause;

/**
 * Sorts an error Elasticsearch answered with into whose fault it is. The store's state (down, overloaded, a missing
 * alias before the ingestor installed the contract, a read-only block) is a 503 the caller may retry; a request the
 * store refused as malformed is our bug, a 500.
 */
public final class StoreErrors {

    private StoreErrors() {}

    /** The exception for an error of {@code status} while doing {@code what}; never carries Elasticsearch's text. */
    public static RuntimeException of(ErrorCause error, int status, String what) {
        String type = error == null ? "unknown" : error.type();
        if ("index_not_found_exception".equals(type)) {
            return new StoreUnavailableException("alias missing", null, true);
        }
        if (isStoreState(status, type)) {
            return new StoreUnavailableException(what + " failed: " + type, null, false);
        }
        return new StoreRejectedException(what + " refused: " + type + " (" + status + ")");
    }

    /** True when the answer says something about the store's state rather than about our request. */
    public static boolean isStoreState(int status, String type) {
        return status == 0
                || status >= 500
                || status == 429
                || status == 408
                || "cluster_block_exception".equals(type)
                || "index_not_found_exception".equals(type);
    }
}
