package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;

/** The newest campaigns first, at most {@code size}. */
final class CampaignListQuery {

    private CampaignListQuery() {}

    static SearchRequest of(String index, int size) {
        return SearchRequest.of(s -> s.index(index)
                .size(size)
                .sort(o -> o.field(f -> f.field("created_at").order(SortOrder.Desc))));
    }
}
