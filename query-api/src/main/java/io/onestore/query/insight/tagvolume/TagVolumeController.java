package io.onestore.query.insight.tagvolume;

import io.onestore.query.request.Interval;
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
class TagVolumeController {

    private final TagVolumeService service;

    private final RequestReader reader;

    TagVolumeController(TagVolumeService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @GetMapping("/api/v1/tags/{tag}/volume")
    @Operation(
            summary = "The tag's posts per interval as the platform counted them, hour by hour (X's counts endpoint); "
                    + "hours never counted are gaps in the coverage, not zeros (docs/insights.md#tag-volume)")
    TagVolume volume(
            @Parameter(description = "the hashtag, with or without '#', at most 100 characters", example = "nike")
                    @PathVariable
                    String tag,
            @Parameter(
                            description = "start of the window, inclusive, rounded down to the hour; default: 7 days"
                                    + " before 'to'",
                            schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(required = false)
                    String from,
            @Parameter(
                            description = "end of the window, exclusive, rounded up to the hour; default: now",
                            schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(required = false)
                    String to,
            @Parameter(
                            description = "bucket size in whole hours: 1h, 6h, 1d, 7d …",
                            schema = @Schema(defaultValue = "1h"))
                    @RequestParam(defaultValue = "1h")
                    String interval,
            @Parameter(
                            description = "the platform whose counts to read: only X counts a tag's posts per hour",
                            schema = @Schema(allowableValues = {"x"}))
                    @RequestParam(defaultValue = "x")
                    String platform)
            throws IOException {
        return service.volume(
                TargetNames.hashtag(tag),
                TagVolumeService.counted(PlatformParam.parse(platform)),
                reader.window(from, to),
                TagVolumeService.hourly(Interval.parse(interval)));
    }
}
