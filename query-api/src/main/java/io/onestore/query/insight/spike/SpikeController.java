package io.onestore.query.insight.spike;

import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.insight.Bounds;
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
class SpikeController {

    static final double MAX_K = 20;

    private final SpikeService service;
    private final QueryApiProperties properties;

    SpikeController(SpikeService service, QueryApiProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @GetMapping("/api/v1/insights/spikes")
    @Operation(
            summary = "Buckets whose volume or engagement exceeds the trailing median by more than k robust"
                    + " deviations (docs/insights.md#spikes)")
    SpikeReport spikes(
            @RequestParam List<String> hashtags,
            @RequestParam Instant from,
            @RequestParam Instant to,
            @RequestParam(defaultValue = "1h") String interval,
            @RequestParam(defaultValue = "3") double k)
            throws IOException {
        return service.find(
                HashtagList.parse(hashtags, properties.limits().maxHashtags()),
                new TimeWindow(from, to),
                Interval.parse(interval),
                Bounds.check("k", k, 0.5, MAX_K));
    }
}
