package io.onestore.query.coverage;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.onestore.model.document.CoverageGapDocument;
import java.time.Instant;
import java.util.List;

/** The open gaps of some targets that overlap a window ({@code from < window.to} and {@code to > window.from}). */
final class CoverageGapsQuery {

    private CoverageGapsQuery() {}

    static SearchRequest openGaps(String index, List<String> targetIds, Instant from, Instant to, int max) {
        return SearchRequest.of(s -> s.index(index)
                .size(max)
                .query(q -> q.bool(b -> b.filter(f -> f.terms(t -> t.field("target_id")
                                .terms(v -> v.value(
                                        targetIds.stream().map(FieldValue::of).toList()))))
                        .filter(f -> f.term(t -> t.field("status").value(CoverageGapDocument.Status.OPEN.key())))
                        .filter(f -> f.range(r -> r.date(d -> d.field("from").lt(to.toString()))))
                        .filter(f -> f.range(r -> r.date(d -> d.field("to").gt(from.toString())))))));
    }
}
