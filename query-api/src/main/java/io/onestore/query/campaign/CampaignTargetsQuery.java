package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch.core.SearchRequest;

/** The targets that carry a campaign's id, with what a conditional write of each needs. */
final class CampaignTargetsQuery {

    private CampaignTargetsQuery() {}

    static SearchRequest of(String index, String campaignId, int max) {
        return SearchRequest.of(s -> s.index(index)
                .query(q -> q.term(t -> t.field("campaign_ids").value(campaignId)))
                .seqNoPrimaryTerm(true)
                .size(max));
    }
}
