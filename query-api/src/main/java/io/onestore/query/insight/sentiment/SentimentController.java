package io.onestore.query.insight.sentiment;

import io.onestore.query.request.InsightParams;
import io.onestore.query.request.Interval;
import io.onestore.query.request.IntervalParam;
import io.onestore.query.request.RequestReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "insights")
class SentimentController {

    private final SentimentService service;
    private final RequestReader reader;

    SentimentController(SentimentService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @GetMapping("/api/v1/insights/sentiment")
    @Operation(summary = "Mean VADER score, label counts and extreme posts per bucket (docs/insights.md#sentiment)")
    SentimentTimeline sentiment(
            @ParameterObject InsightParams params, @IntervalParam @RequestParam(defaultValue = "1d") String interval)
            throws IOException {
        var selection = reader.insight(params);
        return service.compute(selection.hashtags(), selection.window(), Interval.parse(interval));
    }
}
