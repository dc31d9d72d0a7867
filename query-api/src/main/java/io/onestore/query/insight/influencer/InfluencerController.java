package io.onestore.query.insight.influencer;

import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.insight.Bounds;
import io.onestore.query.insight.HashtagList;
import io.onestore.query.insight.TimeWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "insights")
class InfluencerController {

    private final InfluencerService influencers;
    private final QueryApiProperties properties;

    InfluencerController(InfluencerService influencers, QueryApiProperties properties) {
        this.influencers = influencers;
        this.properties = properties;
    }

    @GetMapping("/api/v1/insights/influencers")
    @Operation(summary = "Authors around the hashtags ranked by score (docs/insights.md#influencers)")
    InfluencerRanking influencers(
            @RequestParam List<String> hashtags,
            @RequestParam Instant from,
            @RequestParam Instant to,
            @RequestParam(defaultValue = "10") int limit)
            throws IOException {
        return influencers.rank(
                HashtagList.parse(hashtags, properties.limits().maxHashtags()),
                new TimeWindow(from, to),
                Bounds.check("limit", limit, 1, properties.influencers().maxLimit()));
    }
}
