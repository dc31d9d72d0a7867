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
        @Schema(
                        description = "hashtags to watch, with or without '#', each at most 100 characters; 0 to 20",
                        example = "[\"nike\", \"justdoit\"]")
                @Size(max = 100)
                List<@NotNull String> hashtags,
        @Schema(
                        description = "handles to watch, with or without '@', each at most 30 characters; 0 to 20",
                        example = "[\"nike\"]")
                @Size(max = 100)
                List<@NotNull String> handles,
        @Schema(description = "defaults to [instagram]") @Size(max = 10) List<@NotNull Platform> platforms,
        @NotNull
                @Schema(
                        description = "ISO-8601 instant with a zone, from 1970-01-01T00:00:00Z to before"
                                + " 2100-01-01T00:00:00Z",
                        example = "2026-11-01T00:00:00Z")
                Instant start,
        @Schema(description = "after start, in the same range; absent while the campaign is open") Instant end,
        @Min(0) @Max(365) @Schema(defaultValue = "7") Integer baselineDays,
        @Min(0) @Max(365) @Schema(defaultValue = "7") Integer afterDays) {}
