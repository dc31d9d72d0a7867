package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes posts their authors deleted upstream (Bluesky's developer guidelines require it of everyone who stores the
 * network's posts). A post that was never stored is no error (404 counts as done). Deleting the post document takes
 * it out of every insight and report, which all count posts; Bluesky posts have no metrics documents (the stream
 * carries no counts), so nothing of a deleted post remains.
 */
public final class PostDeletions {

    private static final Logger log = LoggerFactory.getLogger(PostDeletions.class);

    private final ElasticsearchClient client;
    private final IndexNames names;

    public PostDeletions(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** Deletes these post ids; false when Elasticsearch did not answer for all (the caller keeps and retries them). */
    public boolean delete(List<String> postIds) {
        if (postIds.isEmpty()) {
            return true;
        }
        List<BulkOperation> deletes = postIds.stream()
                .map(id -> BulkOperation.of(
                        b -> b.delete(d -> d.index(names.posts()).id(id))))
                .toList();
        try {
            var response = client.bulk(b -> b.operations(deletes));
            boolean all = response.items().stream().allMatch(item -> item.error() == null || item.status() == 404);
            if (!all) {
                log.warn("Some of {} post deletions were refused; they are tried again", postIds.size());
            }
            return all;
        } catch (IOException | ElasticsearchException e) {
            log.warn("Cannot delete {} posts now: {}", postIds.size(), e.toString());
            return false;
        }
    }
}
