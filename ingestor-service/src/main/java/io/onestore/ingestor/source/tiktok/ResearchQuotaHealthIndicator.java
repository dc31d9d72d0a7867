package io.onestore.ingestor.source.tiktok;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The TikTok quotas in {@code /actuator/health} as {@code tiktokQuota}: today's requests and records against the daily
 * limits, when they reset, and what each target spent. Used-up quotas stay {@code UP} with
 * {@code exhausted: true}: the service is healthy, TikTok captures wait for 00:00 UTC, and the gaps say so.
 */
public final class ResearchQuotaHealthIndicator implements HealthIndicator {

    private final ResearchQuota quota;

    public ResearchQuotaHealthIndicator(ResearchQuota quota) {
        this.quota = quota;
    }

    @Override
    public Health health() {
        ResearchQuota.View view = quota.view();
        Map<String, Object> targets = new LinkedHashMap<>();
        view.byTarget().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> targets.put(
                        e.getKey(),
                        Map.of(
                                "requests", e.getValue().requests(),
                                "records", e.getValue().records())));
        return Health.up()
                .withDetail("day", view.day().toString())
                .withDetail("requests", view.requests())
                .withDetail("request_limit", view.requestLimit())
                .withDetail("records", view.records())
                .withDetail("record_limit", view.recordLimit())
                .withDetail("exhausted", view.exhausted())
                .withDetail("resets_at", view.resetsAt().toString())
                .withDetail("targets", targets)
                .build();
    }
}
