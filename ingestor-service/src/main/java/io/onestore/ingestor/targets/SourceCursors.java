package io.onestore.ingestor.targets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.onestore.model.document.SourceCursorDocument;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each source resumes, in {@code source-cursors}. Callers write a cursor only once the writes it covers were
 * handed to the indexer and flushed, so a restart resumes at or before the last stored post; ids make the overlap
 * harmless. Bluesky's stream is stricter: it writes its cursor only once Elasticsearch acknowledged the writes
 * ({@code BulkIndexer.indexAcknowledged}), since spooled writes in memory die with a {@code kill -9}.
 */
public final class SourceCursors {

    private static final Logger log = LoggerFactory.getLogger(SourceCursors.class);

    private final ElasticsearchClient client;
    private final IndexNames names;

    public SourceCursors(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** The stored cursors of these keys of {@code source}, by key; keys never written are absent. */
    public Map<String, String> read(String source, List<String> keys) throws IOException {
        Map<String, String> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<String> ids =
                keys.stream().map(k -> SourceCursorDocument.idOf(source, k)).toList();
        try {
            var response = client.mget(m -> m.index(names.sourceCursors()).ids(ids), SourceCursorDocument.class);
            for (MultiGetResponseItem<SourceCursorDocument> item : response.docs()) {
                if (item.isResult() && item.result().found() && item.result().source() != null) {
                    SourceCursorDocument cursor = item.result().source();
                    found.put(cursor.key(), cursor.cursor());
                }
            }
        } catch (ElasticsearchException refused) {
            throw new IOException(refused.toString(), refused);
        }
        return found;
    }

    /** Writes these cursors of {@code source}; false when Elasticsearch did not take them all (callers keep them). */
    public boolean write(String source, Map<String, String> cursors, Instant now) {
        if (cursors.isEmpty()) {
            return true;
        }
        List<BulkOperation> operations = cursors.entrySet().stream()
                .map(e -> new SourceCursorDocument(source, e.getKey(), e.getValue(), now))
                .map(doc -> BulkOperation.of(b -> b.index(i -> i.index(names.sourceCursors())
                        .id(doc.id())
                        .requireAlias(true)
                        .document(doc))))
                .toList();
        try {
            var response = client.bulk(b -> b.operations(operations));
            if (response.errors()) {
                log.warn("Some {} cursors were refused; they are written again with the next ones", source);
                return false;
            }
            return true;
        } catch (IOException | ElasticsearchException e) {
            log.warn("Cannot write {} cursors: {}", source, e.toString());
            return false;
        }
    }
}
