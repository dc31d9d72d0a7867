package io.onestore.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.onestore.model.document.PostDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.insight.PostFilters;
import io.onestore.query.insight.PostSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Post search: filters on hashtags, author and time, an optional caption text query, bounded pages. One search. */
@Service
public class PostSearchService {

    /** What a search filters on; every field optional, values already normalised. */
    public record Criteria(List<String> hashtags, String author, String text, Instant from, Instant to) {}

    private final ElasticsearchClient client;
    private final IndexNames names;

    PostSearchService(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    public PostPage search(Criteria criteria, PostSort sort, int page, int size) throws IOException {
        List<Query> filters = new ArrayList<>();
        if (!criteria.hashtags().isEmpty()) {
            filters.add(PostFilters.hashtags(criteria.hashtags()));
        }
        if (criteria.author() != null) {
            filters.add(PostFilters.term("author.username", criteria.author()));
        }
        if (criteria.from() != null || criteria.to() != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field(PostFilters.PUBLISHED_AT).format("epoch_millis");
                if (criteria.from() != null) {
                    d.gte(Long.toString(criteria.from().toEpochMilli()));
                }
                if (criteria.to() != null) {
                    d.lt(Long.toString(criteria.to().toEpochMilli()));
                }
                return d;
            }))));
        }
        Query query = Query.of(q -> q.bool(b -> {
            b.filter(filters);
            if (criteria.text() != null) {
                b.must(m ->
                        m.match(t -> t.field("caption").query(criteria.text()).operator(Operator.And)));
            }
            return b;
        }));
        var response = client.search(
                s -> s.index(names.posts())
                        .query(query)
                        .from(page * size)
                        .size(size)
                        .trackTotalHits(t -> t.enabled(true))
                        .sort(sort.options())
                        .source(src -> src.filter(f -> f.excludes(PostSummary.EXCLUDED_SOURCE))),
                PostDocument.class);
        List<PostSummary> posts = response.hits().hits().stream()
                .map(h -> PostSummary.of(h.id(), h.source()))
                .toList();
        long total = response.hits().total() == null
                ? posts.size()
                : response.hits().total().value();
        return new PostPage(page, size, total, sort.key(), posts);
    }
}
