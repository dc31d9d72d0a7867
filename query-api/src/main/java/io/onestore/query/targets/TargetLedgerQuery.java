package io.onestore.query.targets;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;

/** The searches behind the coverage ledger's view: the targets, their per-platform ledgers, one target's gaps. */
final class TargetLedgerQuery {

    private TargetLedgerQuery() {}

    /** Every target, by value; bounded by {@code max}. */
    static SearchRequest targets(String index, int max) {
        return SearchRequest.of(s -> s.index(index).size(max).sort(o -> o.field(f -> f.field("value"))));
    }

    /** The ledgers of one target (one per platform), or of all targets when {@code targetId} is null. */
    static SearchRequest ledgers(String index, String targetId, int max) {
        return SearchRequest.of(s -> {
            s.index(index).size(max);
            if (targetId != null) {
                s.query(q -> q.term(t -> t.field("target_id").value(targetId)));
            }
            return s;
        });
    }

    /** One target's gaps, newest first. */
    static SearchRequest gaps(String index, String targetId, int max) {
        return SearchRequest.of(s -> s.index(index)
                .size(max)
                .query(q -> q.term(t -> t.field("target_id").value(targetId)))
                .sort(o -> o.field(f -> f.field("from").order(SortOrder.Desc))));
    }
}
