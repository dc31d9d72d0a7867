package io.onestore.query.insight.tagtrend;

import io.onestore.model.document.Platform;
import io.onestore.model.text.Hashtags;
import io.onestore.query.insight.Interval;
import io.onestore.query.insight.TimeWindow;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "insights")
class TagTrendController {

    private final TagTrendService service;

    TagTrendController(TagTrendService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/tags/{tag}/trend")
    @Operation(summary = "The tag's media count over time and its growth per interval (docs/insights.md#tag-trend)")
    TagTrend trend(
            @PathVariable String tag,
            @RequestParam Instant from,
            @RequestParam Instant to,
            @RequestParam(defaultValue = "1d") String interval,
            @RequestParam(defaultValue = "instagram") String platform)
            throws IOException {
        String normalised = Hashtags.normalize(tag)
                .orElseThrow(
                        () -> new ApiException(ProblemType.INVALID_HASHTAG, "'" + tag + "' is not a valid hashtag"));
        return service.trend(normalised, platform(platform), new TimeWindow(from, to), Interval.parse(interval));
    }

    private static String platform(String text) {
        try {
            return Platform.fromKey(text.strip()).key();
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.INVALID_PARAMETER, "'platform' must be instagram, x or tiktok");
        }
    }
}
