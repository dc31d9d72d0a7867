package io.onestore.query.insight.shareofvoice;

import io.onestore.query.config.QueryApiProperties;
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
class ShareOfVoiceController {

    private final ShareOfVoiceService service;
    private final QueryApiProperties properties;

    ShareOfVoiceController(ShareOfVoiceService service, QueryApiProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @GetMapping("/api/v1/insights/share-of-voice")
    @Operation(summary = "Each hashtag's value and share, in total and per UTC day (docs/insights.md#share-of-voice)")
    ShareOfVoice shareOfVoice(
            @RequestParam List<String> hashtags,
            @RequestParam Instant from,
            @RequestParam Instant to,
            @RequestParam(defaultValue = "posts") String metric)
            throws IOException {
        return service.compute(
                HashtagList.parse(hashtags, properties.limits().maxHashtags()),
                new TimeWindow(from, to),
                VoiceMetric.parse(metric));
    }
}
