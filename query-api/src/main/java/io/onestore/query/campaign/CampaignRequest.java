package io.onestore.query.campaign;

import io.onestore.model.document.Platform;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** What a client sends to start tracking a campaign. */
public record CampaignRequest(
        @NotBlank @Size(max = 200) String name,
        @Schema(example = "[\"nike\", \"justdoit\"]") List<String> hashtags,
        @Schema(example = "[\"nike\"]") List<String> handles,
        @Schema(description = "defaults to [instagram]") List<Platform> platforms,
        @NotNull @Schema(example = "2026-11-01T00:00:00Z") Instant start,
        @Schema(description = "absent while the campaign is open") Instant end,
        @Min(0) @Max(365) @Schema(defaultValue = "7") Integer baselineDays,
        @Min(0) @Max(365) @Schema(defaultValue = "7") Integer afterDays) {}
