package io.onestore.query.insight.tagtrend;

import io.onestore.query.request.Interval;
import io.onestore.query.request.IntervalParam;
import io.onestore.query.request.PlatformParam;
import io.onestore.query.request.RequestReader;
import io.onestore.query.request.TargetNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "insights")
class TagTrendController {

    private final TagTrendService service;

    private final RequestReader reader;

    TagTrendController(TagTrendService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @GetMapping("/api/v1/tags/{tag}/trend")
    @Operation(summary = "The tag's media count over time and its growth per interval (docs/insights.md#tag-trend)")
    TagTrend trend(
            @Parameter(description = "the hashtag, with or without '#', at most 100 characters", example = "nike")
                    @PathVariable
                    String tag,
            @Parameter(
                            description = "start of the window, inclusive; default: 7 days before 'to'",
                            schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(required = false)
                    String from,
            @Parameter(
                            description = "end of the window, exclusive; default: now",
                            schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(required = false)
                    String to,
            @IntervalParam @RequestParam(defaultValue = "1d") String interval,
            @Parameter(schema = @Schema(allowableValues = {"instagram", "x", "tiktok", "bluesky", "mastodon"}))
                    @RequestParam(defaultValue = "instagram")
                    String platform)
            throws IOException {
        return service.trend(
                TargetNames.hashtag(tag),
                PlatformParam.parse(platform).key(),
                reader.window(from, to),
                Interval.parse(interval));
    }
}
