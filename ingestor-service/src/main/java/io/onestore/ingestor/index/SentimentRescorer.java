package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.normalize.RawCaption;
import io.onestore.model.document.Sentiment;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.model.sentiment.SentimentScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores every stored post's sentiment again, from the caption in its kept {@code raw} payload (the stored caption
 * when there is none), and updates the posts whose score changed; run after the scorer changes (issue 10: the
 * VADER port). Reads the posts alias in pages with a point in time and {@code search_after}, so that it sees one
 * consistent set and uses no scroll context; each page's changes go in one bulk request. Touches nothing but
 * {@code sentiment}; safe to run again (a second run changes nothing) and beside a running ingestor, whose next
 * capture of a post writes the same score.
 */
public final class SentimentRescorer {

    private static final List<String> FIELDS = List.of("source", "raw", "caption", "sentiment");
    private static final Time KEEP_ALIVE = Time.of(t -> t.time("5m"));

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final SentimentScorer scorer;

    public SentimentRescorer(ElasticsearchClient client, IndexNames names, SentimentScorer scorer) {
        this.client = client;
        this.names = names;
        this.scorer = scorer;
    }

    /**
     * @param examined posts read
     * @param changed posts whose score (or label) changed and were updated
     * @param failed updates Elasticsearch refused (the post keeps its old score; running again retries them)
     */
    public record Report(long examined, long changed, long failed) {}

    /** @param pageSize posts per search page and per bulk request */
    public Report rescore(int pageSize) {
        try {
            String pit = client.openPointInTime(o -> o.index(names.posts()).keepAlive(KEEP_ALIVE))
                    .id();
            try {
                return rescoreAll(pit, pageSize);
            } finally {
                client.closePointInTime(c -> c.id(pit));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable while re-scoring", e);
        }
    }

    private Report rescoreAll(String pit, int pageSize) throws IOException {
        long examined = 0;
        long changed = 0;
        long failed = 0;
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<JsonNode> page = client.search(
                    s -> {
                        s.pit(p -> p.id(pit).keepAlive(KEEP_ALIVE))
                                .size(pageSize)
                                .sort(o -> o.field(f -> f.field("_shard_doc")))
                                .source(src -> src.filter(f -> f.includes(FIELDS)));
                        return from == null ? s : s.searchAfter(from);
                    },
                    JsonNode.class);
            List<Hit<JsonNode>> hits = page.hits().hits();
            if (hits.isEmpty()) {
                return new Report(examined, changed, failed);
            }
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            int updates = 0;
            for (Hit<JsonNode> hit : hits) {
                examined++;
                Sentiment rescored = rescored(hit.source());
                if (!Objects.equals(rescored, stored(hit.source()))) {
                    Map<String, Object> partial = new HashMap<>();
                    partial.put("sentiment", rescored);
                    bulk.operations(op ->
                            op.update(u -> u.index(hit.index()).id(hit.id()).action(a -> a.doc(partial))));
                    updates++;
                }
            }
            if (updates > 0) {
                BulkResponse answer = client.bulk(bulk.build());
                long refused =
                        answer.items().stream().filter(i -> i.error() != null).count();
                failed += refused;
                changed += updates - refused;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    private Sentiment rescored(JsonNode post) {
        String stored = post.path("caption").isTextual() ? post.path("caption").asText() : null;
        String caption = RawCaption.of(post.path("source").asText(null), post.get("raw"), stored);
        return scorer.score(caption).orElse(null);
    }

    private static Sentiment stored(JsonNode post) {
        JsonNode sentiment = post.get("sentiment");
        if (sentiment == null || sentiment.isNull()) {
            return null;
        }
        return ContractJson.mapper().convertValue(sentiment, Sentiment.class);
    }
}
