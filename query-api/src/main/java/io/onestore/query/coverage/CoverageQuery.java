package io.onestore.query.coverage;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.onestore.model.document.CoverageGapDocument;
import java.time.Instant;
import java.util.List;

/** The searches behind a {@code coverage} block: the targets' ledgers, and their open gaps overlapping a window. */
public final class CoverageQuery {

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
}
