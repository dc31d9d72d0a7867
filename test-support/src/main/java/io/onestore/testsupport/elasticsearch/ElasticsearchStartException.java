package io.onestore.testsupport.elasticsearch;

/** Elasticsearch could not be started; the message carries the reason and the tail of its log. */
public class ElasticsearchStartException extends RuntimeException {

    public ElasticsearchStartException(String message) {
        super(message);
    }

    public ElasticsearchStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
