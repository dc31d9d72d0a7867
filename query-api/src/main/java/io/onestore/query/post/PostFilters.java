package io.onestore.query.post;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.onestore.query.request.TimeWindow;
import java.time.Instant;
import java.util.List;

/** The filters every post query is built from; field names are the contract's (docs/index-contract.md). */
public final class PostFilters {

    public static final String PUBLISHED_AT = "published_at";

    private PostFilters() {}

    public static Query hashtags(List<String> tags) {
        return terms("hashtags", tags);
    }

    public static Query terms(String field, List<String> values) {
        List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
    }

    /** {@code [from, to)} on a date field, in epoch milliseconds so no date format is involved. */
    public static Query range(String field, Instant from, Instant to) {
        return Query.of(q -> q.range(r -> r.date(d -> d.field(field)
                .gte(Long.toString(from.toEpochMilli()))
                .lt(Long.toString(to.toEpochMilli()))
                .format("epoch_millis"))));
    }

    public static Query published(TimeWindow window) {
        return range(PUBLISHED_AT, window.from(), window.to());
    }

    public static Query exists(String field) {
        return Query.of(q -> q.exists(e -> e.field(field)));
    }

    public static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    /** All of the given filters, in filter context (no scoring, cacheable). */
    public static Query all(Query... filters) {
        return Query.of(q -> q.bool(b -> b.filter(List.of(filters))));
    }
}
