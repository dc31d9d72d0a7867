package io.onestore.query.insight.influencer;

import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.request.InsightParams;
import io.onestore.query.request.RequestReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "insights")
class InfluencerController {

    private final InfluencerService influencers;
    private final QueryApiProperties properties;
    private final RequestReader reader;

    InfluencerController(InfluencerService influencers, QueryApiProperties properties, RequestReader reader) {
        this.influencers = influencers;
        this.properties = properties;
        this.reader = reader;
    }

    @GetMapping("/api/v1/insights/influencers")
    @Operation(summary = "Authors around the hashtags ranked by score (docs/insights.md#influencers)")
    InfluencerRanking influencers(
            @ParameterObject InsightParams params,
            @Parameter(description = "authors returned, 1 to 100") @RequestParam(defaultValue = "10") int limit)
            throws IOException {
        var selection = reader.insight(params);
        return influencers.rank(
                selection.hashtags(),
                selection.window(),
                reader.limit("limit", limit, 1, properties.influencers().maxLimit()));
    }
}
