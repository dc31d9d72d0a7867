package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes posts their authors deleted upstream (Bluesky's developer guidelines require it of everyone who stores the
 * network's posts). A post that was never stored is no error and costs no write (only the posts an {@code mget}
 * found, or could not tell about, are deleted). Deleting the post document takes
 * it out of every insight and report, which all count posts; the metrics documents the stream's likes and reposts
 * wrote for it ({@link StreamEngagement}) are deleted with it, before it, so nothing of a deleted post remains even
 * when a deletion is cut short. Those are found by a search after a refresh (a like counted a moment ago may not be
 * searchable yet), and only for posts that were found, since most deletions on the network are of posts nobody here
 * stored.
 */
public final class PostDeletions {

    private static final Logger log = LoggerFactory.getLogger(PostDeletions.class);
    private static final int METRICS_PAGE = 1000;

    private final ElasticsearchClient client;
    private final IndexNames names;
    /** Posts deleted whose metrics are not deleted yet (a failed attempt is retried with the next call). */
    private final Set<String> metricsOwed = new LinkedHashSet<>();

    public PostDeletions(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** Deletes these post ids; false when Elasticsearch did not answer for all (the caller keeps and retries them). */
    public synchronized boolean delete(List<String> postIds) {
        if (postIds.isEmpty()) {
            return true;
        }
        try {
            // The metrics of the posts we hold go first: cut short after them (a kill -9, a shutdown), the post is
            // still there and its deletion, read again, finds it; the other way round its metrics were left for good.
            List<String> stored = new ArrayList<>();
            client.mget(m -> m.index(names.posts()).ids(postIds).source(src -> src.fetch(false)), Void.class)
                    .docs()
                    .forEach(item -> {
                        if (item.isFailure()) {
                            stored.add(item.failure().id()); // not known to be absent: deleted all the same
                        } else if (item.result().found()) {
                            metricsOwed.add(item.result().id());
                            stored.add(item.result().id());
                        }
                    });
            if (!deleteMetrics()) {
                return false;
            }
            if (stored.isEmpty()) {
                return true; // most deletions on the network are of posts never stored here: nothing to write
            }
            List<BulkOperation> deletes = stored.stream()
                    .map(id -> BulkOperation.of(
                            b -> b.delete(d -> d.index(names.posts()).id(id))))
                    .toList();
            var response = client.bulk(b -> b.operations(deletes));
            boolean all = response.items().stream().allMatch(item -> item.error() == null || item.status() == 404);
            if (!all) {
                log.warn("Some of {} post deletions were refused; they are tried again", stored.size());
            }
            return all;
        } catch (IOException | ElasticsearchException e) {
            log.warn("Cannot delete {} posts now: {}", postIds.size(), e.toString());
            return false;
        }
    }

    /**
     * The metrics documents of the posts deleted, found by a search after a refresh and deleted by id: no
     * delete-by-query, which the test server (like a server without the reindex module) does not have.
     */
    private boolean deleteMetrics() throws IOException {
        if (metricsOwed.isEmpty()) {
            return true;
        }
        List<FieldValue> ids =
                new ArrayList<>(metricsOwed).stream().map(FieldValue::of).toList();
        client.indices().refresh(r -> r.index(names.postMetrics()));
        while (true) {
            var hits = client.search(
                            s -> s.index(names.postMetrics())
                                    .size(METRICS_PAGE)
                                    .source(src -> src.fetch(false))
                                    .query(q -> q.terms(t -> t.field("post_id").terms(v -> v.value(ids)))),
                            Void.class)
                    .hits()
                    .hits();
            if (hits.isEmpty()) {
                break;
            }
            List<BulkOperation> deletes = hits.stream()
                    .map(hit -> BulkOperation.of(
                            b -> b.delete(d -> d.index(hit.index()).id(hit.id()))))
                    .toList();
            var response = client.bulk(b -> b.operations(deletes).refresh(Refresh.True));
            if (response.items().stream().anyMatch(item -> item.error() != null && item.status() != 404)) {
                log.warn("Metrics of {} deleted posts not all deleted; they are tried again", ids.size());
                return false;
            }
        }
        metricsOwed.clear();
        return true;
    }
}
