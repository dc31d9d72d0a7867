package io.onestore.query.search;

import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.onestore.query.post.PostFilters;
import io.onestore.query.post.PostSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * The one search of a post page: filters in filter context, the caption text as a {@code match} with AND (the text
 * is analysed, never parsed as query syntax), exact total hits.
 */
final class PostSearchQuery {

    private PostSearchQuery() {}

    static SearchRequest of(String index, PostSearchService.Criteria criteria, PostSort sort, int page, int size) {
        List<Query> filters = new ArrayList<>();
        if (!criteria.hashtags().isEmpty()) {
            filters.add(PostFilters.hashtags(criteria.hashtags()));
        }
        if (criteria.platform() != null) {
            filters.add(PostFilters.term("platform", criteria.platform()));
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
        return SearchRequest.of(s -> s.index(index)
                .query(query)
                .from(page * size)
                .size(size)
                .trackTotalHits(t -> t.enabled(true))
                .sort(sort.options())
                .source(src -> src.filter(f -> f.includes(PostSummary.SOURCE_FIELDS))));
    }
}
