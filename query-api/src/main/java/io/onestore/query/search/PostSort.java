package io.onestore.query.search;

import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.util.List;
import java.util.Locale;

/** The orders a post search offers. Every one ends on {@code native_id} so pages are stable between requests. */
public enum PostSort {
    RECENT("published_at", SortOrder.Desc),
    OLDEST("published_at", SortOrder.Asc),
    ENGAGEMENT("engagement", SortOrder.Desc),
    LIKES("likes", SortOrder.Desc),
    COMMENTS("comments", SortOrder.Desc),
    /** caption relevance to {@code q}, then recency */
    RELEVANCE("_score", SortOrder.Desc);

    private final String field;
    private final SortOrder order;

    PostSort(String field, SortOrder order) {
        this.field = field;
        this.order = order;
    }

    static PostSort parse(String text, boolean hasText) {
        PostSort sort;
        try {
            sort = valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    ProblemType.INVALID_PARAMETER,
                    "'sort' must be one of recent, oldest, engagement, likes, comments, relevance");
        }
        if (sort == RELEVANCE && !hasText) {
            throw new ApiException(ProblemType.INVALID_PARAMETER, "'sort=relevance' needs a text query 'q'");
        }
        return sort;
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    List<SortOptions> options() {
        SortOptions main = this == RELEVANCE
                ? SortOptions.of(s -> s.score(sc -> sc.order(order)))
                // posts with hidden likes have no `likes`: they sort last, never as -1
                : SortOptions.of(s -> s.field(f -> f.field(field).order(order).missing("_last")));
        SortOptions recent =
                SortOptions.of(s -> s.field(f -> f.field("published_at").order(SortOrder.Desc)));
        SortOptions id = SortOptions.of(s -> s.field(f -> f.field("native_id").order(SortOrder.Asc)));
        return this == RECENT || this == OLDEST ? List.of(main, id) : List.of(main, recent, id);
    }
}
