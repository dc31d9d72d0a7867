package io.onestore.query.targets;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The searches behind the coverage ledger's view: a page of targets, one target's gaps, the targets' spend. */
final class TargetLedgerQuery {

    private TargetLedgerQuery() {}

    /** Targets matching the filter's kind and campaign, by kind then value, {@code size} from {@code offset}. */
    static SearchRequest targets(String index, TargetFilter filter, int offset, int size) {
        List<Query> filters = new ArrayList<>();
        if (filter.kind() != null) {
            filters.add(Query.of(
                    q -> q.term(t -> t.field("kind").value(filter.kind().key()))));
        }
        if (filter.campaignId() != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("campaign_ids").value(filter.campaignId()))));
        }
        return SearchRequest.of(s -> s.index(index)
                .from(offset)
                .size(size)
                .trackTotalHits(t -> t.enabled(true))
                .query(q -> q.bool(b -> b.filter(filters)))
                .sort(o -> o.field(f -> f.field("kind").order(SortOrder.Asc)))
                .sort(o -> o.field(f -> f.field("value").order(SortOrder.Asc))));
    }

    /** One target's gaps, open and filled, newest first, with an exact total. */
    static SearchRequest gaps(String index, String targetId, int max) {
        return SearchRequest.of(s -> s.index(index)
                .size(max)
                .trackTotalHits(t -> t.enabled(true))
                .query(q -> q.term(t -> t.field("target_id").value(targetId)))
                .sort(o -> o.field(f -> f.field("from").order(SortOrder.Desc))));
    }

    /**
     * The targets' spend documents of the days {@code [from, to]} (UTC days, inclusive). Before the ingestor installed
     * {@code target-spend} there is no spend to show, not an error.
     */
    static SearchRequest spend(String index, List<String> targetIds, LocalDate from, LocalDate to, int max) {
        return SearchRequest.of(s -> s.index(index)
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(max)
                .query(q -> q.bool(b -> b.filter(f -> f.terms(t -> t.field("target_id")
                                .terms(v -> v.value(
                                        targetIds.stream().map(FieldValue::of).toList()))))
                        .filter(f -> f.range(r ->
                                r.date(d -> d.field("day").gte(from.toString()).lte(to.toString())))))));
    }
}
