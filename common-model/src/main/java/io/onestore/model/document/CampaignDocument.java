package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A tracked campaign. Phases: baseline {@code [start - baselineDays, start)}, during {@code [start, end)}, after
 * {@code [end, end + afterDays)}; an open campaign ({@code end} absent) has no after phase yet.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignDocument(
        String id,
        String name,
        List<String> hashtags,
        List<String> handles,
        List<Platform> platforms,
        Instant start,
        Instant end,
        int baselineDays,
        int afterDays,
        Instant createdAt) {}
