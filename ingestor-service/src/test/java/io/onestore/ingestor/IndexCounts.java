package io.onestore.ingestor;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.onestore.model.index.IndexAlias;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Exact document counts of a test's indices, after a refresh so every acknowledged write is visible; and emptying
 * them between tests, because installing the contract per test is slow on a shared machine.
 */
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

    /** Deletes every document of the contract's indices (by id: the test server has no delete-by-query). */
    public void deleteAll(IndexNames names) {
        try {
            for (IndexAlias alias : IndexAlias.values()) {
                String index = names.alias(alias);
                client.indices().refresh(r -> r.index(index));
                List<BulkOperation> deletes = client
                        .search(s -> s.index(index).size(10_000).source(f -> f.fetch(false)), Void.class)
                        .hits()
                        .hits()
                        .stream()
                        .map(hit -> BulkOperation.of(
                                b -> b.delete(d -> d.index(hit.index()).id(hit.id()))))
                        .toList();
                if (!deletes.isEmpty()) {
                    client.bulk(b -> b.operations(deletes).refresh(Refresh.True));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
