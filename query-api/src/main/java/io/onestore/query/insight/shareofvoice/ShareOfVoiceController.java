package io.onestore.query.insight.shareofvoice;

import io.onestore.query.request.InsightParams;
import io.onestore.query.request.PlatformParam;
import io.onestore.query.request.RequestReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "insights")
class ShareOfVoiceController {

    private final ShareOfVoiceService service;
    private final RequestReader reader;

    ShareOfVoiceController(ShareOfVoiceService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @GetMapping("/api/v1/insights/share-of-voice")
    @Operation(summary = "Each hashtag's value and share, in total and per UTC day (docs/insights.md#share-of-voice)")
    ShareOfVoice shareOfVoice(
            @ParameterObject InsightParams params,
            @Parameter(
                            description = "what a hashtag's voice is measured in",
                            schema = @Schema(allowableValues = {"posts", "engagement", "authors"}))
                    @RequestParam(defaultValue = "posts")
                    String metric,
            @Parameter(
                            description = "only the posts of this platform, and the coverage of its capture alone;"
                                    + " default: every platform the hashtags are watched on",
                            schema = @Schema(allowableValues = {"instagram", "x", "tiktok", "bluesky", "mastodon"}))
                    @RequestParam(required = false)
                    String platform)
            throws IOException {
        var selection = reader.insight(params);
        return service.compute(
                selection.hashtags(),
                selection.window(),
                VoiceMetric.parse(metric),
                platform == null ? null : PlatformParam.parse(platform));
    }
}
