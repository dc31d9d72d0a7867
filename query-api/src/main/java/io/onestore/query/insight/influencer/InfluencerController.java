package io.onestore.query.insight.influencer;

import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.request.InsightParams;
import io.onestore.query.request.PlatformParam;
import io.onestore.query.request.RequestReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
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
    @Operation(
            summary = "Authors around the hashtags ranked by score (docs/insights.md#influencers)",
            description = "Each author with followers (and their source and growth), engagement rate over the latest"
                    + " posts (and how many), and a potential-reach estimate (docs/insights.md#reach-estimate), never"
                    + " a measured reach. Owned accounts are left out unless includeOwned=true; posts without an"
                    + " author (Graph API hashtag media) are counted and explained in notice.")
    InfluencerRanking influencers(
            @ParameterObject InsightParams params,
            @Parameter(description = "authors returned, 1 to 100") @RequestParam(defaultValue = "10") int limit,
            @Parameter(
                            description = "true lists the owned accounts (onestore.influencers.owned-accounts) too,"
                                    + " marked owned; by default they are left out and named in ownedExcluded")
                    @RequestParam(defaultValue = "false")
                    boolean includeOwned,
            @Parameter(
                            description = "only the authors' posts on this platform, and the coverage of its capture"
                                    + " alone; default: every platform",
                            schema = @Schema(allowableValues = {"instagram", "x", "tiktok", "bluesky", "mastodon"}))
                    @RequestParam(required = false)
                    String platform)
            throws IOException {
        var selection = reader.insight(params);
        return influencers.rank(
                selection.hashtags(),
                platform == null
                        ? List.of()
                        : List.of(PlatformParam.parse(platform).key()),
                selection.window(),
                reader.limit("limit", limit, 1, properties.influencers().maxLimit()),
                includeOwned);
    }
}
