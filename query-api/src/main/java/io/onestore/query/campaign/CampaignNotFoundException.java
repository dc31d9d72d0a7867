package io.onestore.query.campaign;

import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;

class CampaignNotFoundException extends ApiException {

    CampaignNotFoundException(String id) {
        super(ProblemType.CAMPAIGN_NOT_FOUND, "no campaign with id '" + id + "'");
    }
}
