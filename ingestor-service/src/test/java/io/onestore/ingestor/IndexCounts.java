package io.onestore.ingestor;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Exact document counts of a test's indices, after a refresh so every acknowledged write is visible. */
public final class IndexCounts {

    private final ElasticsearchClient client;

    public IndexCounts(ElasticsearchClient client) {
        this.client = client;
    }

    public long all(String index) {
        try {
            client.indices().refresh(r -> r.index(index));
            return client.count(c -> c.index(index)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long where(String index, String field, String value) {
        try {
            client.indices().refresh(r -> r.index(index));
            return client.count(c ->
                            c.index(index).query(q -> q.term(t -> t.field(field).value(FieldValue.of(value)))))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
