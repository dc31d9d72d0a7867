package io.onestore.query.coverage;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.Platform;
import io.onestore.query.post.PostFilters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The searches behind a {@code coverage} block, as items of the one {@code _msearch} that reads it: the targets, their
 * ledgers, their open gaps overlapping a window, and the platforms an all-platform answer counts posts of.
 */
public final class CoverageQuery {

    static final String TAGS = "tags";
    static final String PLATFORMS = "platforms";

    private CoverageQuery() {}

    /** Every platform's ledger of the targets, as one search. */
    public static SearchRequest ledgers(String index, List<String> targetIds, int max) {
        return SearchRequest.of(s -> s.index(index).size(max).query(byTarget(targetIds)));
    }

    /** {@link #ledgers} as an item of a multi-search. */
    static RequestItem ledgerItem(String index, List<String> targetIds, int max) {
        return RequestItem.of(
                i -> i.header(h -> h.index(index)).body(b -> b.size(max).query(byTarget(targetIds))));
    }

    /**
     * The target documents by id. A search, not a multi-get, so that it rides in the same round trip; targets are
     * written with {@code refresh=wait_for} (campaign targets) or read long after (the ingestor's), so a search sees
     * what a real-time get would.
     */
    static RequestItem targetItem(String index, List<String> targetIds) {
        return RequestItem.of(i -> i.header(h -> h.index(index))
                .body(b -> b.size(targetIds.size()).query(q -> q.ids(d -> d.values(targetIds)))));
    }

    /**
     * The open gaps of the targets that overlap {@code [from, to)} ({@code gap.from < to} and {@code gap.to > from}),
     * oldest first, with an exact total so the caller knows when {@code max} cut the list.
     */
    static RequestItem openGapItem(String index, List<String> targetIds, Instant from, Instant to, int max) {
        return RequestItem.of(i -> i.header(h -> h.index(index)).body(b -> b.size(max)
                .trackTotalHits(t -> t.enabled(true))
                .sort(o -> o.field(f -> f.field("from").order(SortOrder.Asc)))
                .query(q -> q.bool(f -> f.filter(byTarget(targetIds))
                        .filter(s -> s.term(t -> t.field("status").value(CoverageGapDocument.Status.OPEN.key())))
                        .filter(s -> s.range(r -> r.date(d -> d.field("from").lt(to.toString()))))
                        .filter(s -> s.range(r -> r.date(d -> d.field("to").gt(from.toString()))))))));
    }

    /**
     * Per hashtag (a keyed filter named after it), the platforms of its posts published in {@code [from, to)}: an
     * answer over every platform counts them all, also those of a platform the hashtag is not watched on (posts that
     * carry a watched tag as well), so its coverage must be measured on each of them.
     */
    static RequestItem postPlatformItem(String index, List<String> hashtags, Instant from, Instant to) {
        Map<String, Query> perTag = new LinkedHashMap<>();
        hashtags.forEach(tag -> perTag.put(tag, PostFilters.term("hashtags", tag)));
        return RequestItem.of(i -> i.header(h -> h.index(index)).body(b -> b.size(0)
                .query(PostFilters.all(
                        PostFilters.hashtags(hashtags), PostFilters.range(PostFilters.PUBLISHED_AT, from, to)))
                .aggregations(TAGS, a -> a.filters(f -> f.filters(k -> k.keyed(perTag)))
                        .aggregations(
                                PLATFORMS, p -> p.terms(t -> t.field("platform").size(Platform.values().length))))));
    }

    private static Query byTarget(List<String> targetIds) {
        return Query.of(q -> q.terms(t -> t.field("target_id")
                .terms(v -> v.value(targetIds.stream().map(FieldValue::of).toList()))));
    }
}
