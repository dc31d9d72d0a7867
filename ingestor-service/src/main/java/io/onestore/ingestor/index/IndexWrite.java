package io.onestore.ingestor.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.index.IndexAlias;

/**
 * One document on its way to Elasticsearch: what is spooled to disk and replayed. Posts carry the captured document
 * and are merged with the stored one only when they are written, so a replayed post is merged with what Elasticsearch
 * holds then, not with what it held when the capture was spooled.
 *
 * @param alias the logical index; the running service's prefix is applied when the write is sent, so a spool is
 *     replayed into the indices of the service that replays it
 * @param id the deterministic document id; absent only for dead letters, which get a content-derived one
 * @param document the document as the contract writes it
 * @param attempt how many times Elasticsearch has refused it with a retryable status
 */
public record IndexWrite(IndexAlias alias, String id, JsonNode document, int attempt) {

    public IndexWrite {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an index write needs an id: " + alias);
        }
    }

    static IndexWrite of(IndexAlias alias, String id, JsonNode document) {
        return new IndexWrite(alias, id, document, 0);
    }

    IndexWrite retried() {
        return new IndexWrite(alias, id, document, attempt + 1);
    }

    IndexWrite firstAttempt() {
        return attempt == 0 ? this : new IndexWrite(alias, id, document, 0);
    }

    boolean isPost() {
        return alias == IndexAlias.POSTS;
    }

    @Override
    public String toString() {
        return alias.suffix() + "/" + id;
    }
}
