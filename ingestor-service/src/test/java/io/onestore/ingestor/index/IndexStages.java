package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.model.index.IndexNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The indexer's in-memory stages one at a time, for the ingest benchmark's CPU breakdown: the same calls the {@link
 * BulkIndexer} makes, without Elasticsearch, so each stage's CPU per document can be measured on its own. Test code
 * only; the indexer itself carries no timing.
 */
public final class IndexStages {

    private final CaptureWrites captureWrites;
    private final WrittenPosts written;
    private final IndexNames names;

    public IndexStages(Duration bucket, IndexNames names, int rememberPosts) {
        this.captureWrites = new CaptureWrites(bucket);
        this.written = new WrittenPosts(rememberPosts);
        this.names = names;
    }

    /** Documents to trees: what {@link BulkIndexer#index} does first with a capture. */
    public List<IndexWrite> writes(CaptureBatch batch) {
        return captureWrites.of(batch);
    }

    /**
     * What the merge does for each post of these writes (the writes of other documents pass through): a post this
     * indexer remembers is merged with it ({@link PostMerge#whole}), any other one is created as captured; either way
     * it is remembered (serialised without {@code raw}) and confirmed as if Elasticsearch had answered. No mget: the
     * benchmark remembers every post it writes, so a recapture reads none back.
     *
     * @return one bulk operation per write, as the indexer would send them
     */
    public List<BulkOperation> operations(List<IndexWrite> writes) {
        List<BulkOperation> operations = new ArrayList<>(writes.size());
        for (IndexWrite write : writes) {
            String alias = names.alias(write.alias());
            if (!write.isPost()) {
                operations.add(BulkOperation.of(b -> b.index(
                        i -> i.index(alias).id(write.id()).requireAlias(true).document(write.document()))));
                continue;
            }
            ObjectNode captured = (ObjectNode) write.document();
            WrittenPosts.Stored existing = written.stored(write.id());
            if (existing == null) {
                written.sending(write, captured);
                operations.add(BulkOperation.of(b -> b.create(
                        c -> c.index(alias).id(write.id()).requireAlias(true).document(captured))));
            } else {
                ObjectNode document = PostMerge.whole(existing.source(), captured);
                written.sending(write, document);
                operations.add(BulkOperation.of(b -> b.index(i -> i.index(alias)
                        .id(write.id())
                        .ifSeqNo(existing.seqNo() + 1)
                        .ifPrimaryTerm(existing.primaryTerm())
                        .requireAlias(true)
                        .document(document))));
            }
            written.stored(write, 1, 1);
        }
        return operations;
    }
}
