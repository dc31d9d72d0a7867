package io.onestore.query.insight.sentiment;

import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.insight.HashtagList;
import io.onestore.query.insight.Interval;
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
class SentimentController {

    private final SentimentService service;
    private final QueryApiProperties properties;

    SentimentController(SentimentService service, QueryApiProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @GetMapping("/api/v1/insights/sentiment")
    @Operation(summary = "Mean VADER score, label counts and extreme posts per bucket (docs/insights.md#sentiment)")
    SentimentTimeline sentiment(
            @RequestParam List<String> hashtags,
            @RequestParam Instant from,
            @RequestParam Instant to,
            @RequestParam(defaultValue = "1d") String interval)
            throws IOException {
        return service.compute(
                HashtagList.parse(hashtags, properties.limits().maxHashtags()),
                new TimeWindow(from, to),
                Interval.parse(interval));
    }
}
