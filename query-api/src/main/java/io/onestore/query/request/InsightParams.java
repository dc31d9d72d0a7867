package io.onestore.query.request;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The query parameters every insight shares, bound by Spring MVC from {@code ?hashtags=&from=&to=} and read by
 * {@link RequestReader}. The instants stay text here so that their errors (syntax, range) are ours and name the
 * parameter.
 */
public record InsightParams(
        @Parameter(
                        description = "hashtags, comma-separated or repeated, with or without '#'; 1 to 20, each at"
                                + " most 100 characters",
                        required = true,
                        array = @ArraySchema(schema = @Schema(type = "string", example = "nike")),
                        example = "nike,adidas")
                List<String> hashtags,
        @Parameter(
                        description = "start of the window, inclusive; ISO-8601 instant between 1970-01-01T00:00:00Z"
                                + " and 2100-01-01T00:00:00Z; default: 7 days before 'to'",
                        schema = @Schema(type = "string", format = "date-time", example = "2026-11-01T00:00:00Z"))
                String from,
        @Parameter(
                        description = "end of the window, exclusive; same format and range; default: now",
                        schema = @Schema(type = "string", format = "date-time", example = "2026-11-08T00:00:00Z"))
                String to) {}
