package io.onestore.query.web;

/**
 * Elasticsearch did not answer, or answered in a way that is not the caller's fault (a missing alias before the
 * ingestor installed the contract, a shard failure). Always a 503 with {@code Retry-After}.
 */
public class StoreUnavailableException extends RuntimeException {

    private final boolean contractMissing;

    public StoreUnavailableException(String message, Throwable cause, boolean contractMissing) {
        super(message, cause);
        this.contractMissing = contractMissing;
    }

    public boolean contractMissing() {
        return contractMissing;
    }
}
