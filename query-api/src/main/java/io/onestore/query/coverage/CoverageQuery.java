package io.onestore.query.coverage;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.Platform;
import io.onestore.query.post.PostFilters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The searches behind a {@code coverage} block: the targets' ledgers, their open gaps overlapping a window, and the
 * platforms an all-platform answer counts posts of.
 */
public final class CoverageQuery {

    static final String TAGS = "tags";
    static final String PLATFORMS = "platforms";

    private CoverageQuery() {}

    /** Every platform's ledger of the targets. */
    public static SearchRequest ledgers(String index, List<String> targetIds, int max) {
        return SearchRequest.of(s -> s.index(index)
                .size(max)
                .query(q -> q.terms(t -> t.field("target_id")
                        .terms(v ->
                                v.value(targetIds.stream().map(FieldValue::of).toList())))));
    }

    /**
     * The open gaps of the targets that overlap {@code [from, to)} ({@code gap.from < to} and {@code gap.to > from}),
     * oldest first, with an exact total so the caller knows when {@code max} cut the list.
     */
    static SearchRequest openGaps(String index, List<String> targetIds, Instant from, Instant to, int max) {
        return SearchRequest.of(s -> s.index(index)
                .size(max)
                .trackTotalHits(t -> t.enabled(true))
                .sort(o -> o.field(f -> f.field("from").order(SortOrder.Asc)))
                .query(q -> q.bool(b -> b.filter(f -> f.terms(t -> t.field("target_id")
                                .terms(v -> v.value(
                                        targetIds.stream().map(FieldValue::of).toList()))))
                        .filter(f -> f.term(t -> t.field("status").value(CoverageGapDocument.Status.OPEN.key())))
                        .filter(f -> f.range(r -> r.date(d -> d.field("from").lt(to.toString()))))
                        .filter(f -> f.range(r -> r.date(d -> d.field("to").gt(from.toString())))))));
    }

    /**
     * Per hashtag (a keyed filter named after it), the platforms of its posts published in {@code [from, to)}: an
     * answer over every platform counts them all, also those of a platform the hashtag is not watched on (posts that
     * carry a watched tag as well), so its coverage must be measured on each of them.
     */
    static SearchRequest postPlatforms(String index, List<String> hashtags, Instant from, Instant to) {
        Map<String, Query> perTag = new LinkedHashMap<>();
        hashtags.forEach(tag -> perTag.put(tag, PostFilters.term("hashtags", tag)));
        return SearchRequest.of(s -> s.index(index)
                .size(0)
                .query(PostFilters.all(
                        PostFilters.hashtags(hashtags), PostFilters.range(PostFilters.PUBLISHED_AT, from, to)))
                .aggregations(TAGS, a -> a.filters(f -> f.filters(b -> b.keyed(perTag)))
                        .aggregations(
                                PLATFORMS, p -> p.terms(t -> t.field("platform").size(Platform.values().length)))));
    }
}
