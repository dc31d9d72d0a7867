package io.onestore.query.campaign;

import io.onestore.model.document.CampaignDocument;
import io.onestore.model.document.Platform;
import java.time.Instant;
import java.util.List;

public record CampaignResponse(
        String id,
        String name,
        List<String> hashtags,
        List<String> handles,
        List<String> platforms,
        Instant start,
        Instant end,
        int baselineDays,
        int afterDays,
        Instant createdAt) {

    static CampaignResponse of(CampaignDocument doc) {
        return new CampaignResponse(
                doc.id(),
                doc.name(),
                orEmpty(doc.hashtags()),
                orEmpty(doc.handles()),
                doc.platforms() == null
                        ? List.of()
                        : doc.platforms().stream().map(Platform::key).toList(),
                doc.start(),
                doc.end(),
                doc.baselineDays(),
                doc.afterDays(),
                doc.createdAt());
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
