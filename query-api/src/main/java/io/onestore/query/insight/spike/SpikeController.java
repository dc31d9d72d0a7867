package io.onestore.query.insight.spike;

import io.onestore.query.request.Bounds;
import io.onestore.query.request.InsightParams;
import io.onestore.query.request.Interval;
import io.onestore.query.request.IntervalParam;
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
class SpikeController {

    static final double MAX_K = 20;

    private final SpikeService service;
    private final RequestReader reader;

    SpikeController(SpikeService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @GetMapping("/api/v1/insights/spikes")
    @Operation(
            summary = "Buckets whose volume or engagement exceeds the trailing median by more than k robust"
                    + " deviations (docs/insights.md#spikes)")
    SpikeReport spikes(
            @ParameterObject InsightParams params,
            @IntervalParam @RequestParam(defaultValue = "1h") String interval,
            @Parameter(description = "robust deviations above the trailing median that make a spike, 0.5 to 20")
                    @RequestParam(defaultValue = "3")
                    double k)
            throws IOException {
        var selection = reader.insight(params);
        return service.find(
                selection.hashtags(), selection.window(), Interval.parse(interval), Bounds.check("k", k, 0.5, MAX_K));
    }
}
