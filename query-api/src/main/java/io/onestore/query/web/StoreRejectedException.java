package io.onestore.query.web;

/**
 * Elasticsearch refused a request this service built (a 400-class answer such as a parsing or mapping error): the
 * fault is ours, not the store's state, so it is a 500 without {@code Retry-After}; retrying would fail the same way.
 */
public class StoreRejectedException extends RuntimeException {

    public StoreRejectedException(String message) {
        super(message);
    }
}
