package io.onestore.ingestor.config;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The TikTok source is off unless {@code onestore.sources.tiktok.client-key} (or {@code client-key-file}) is set. */
public final class TikTokEnabled extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        boolean configured = !environment
                        .getProperty("onestore.sources.tiktok.client-key", "")
                        .isBlank()
                || !environment
                        .getProperty("onestore.sources.tiktok.client-key-file", "")
                        .isBlank();
        return configured
                ? ConditionOutcome.match("a TikTok client key is configured")
                : ConditionOutcome.noMatch("no TikTok client key is configured");
    }
}
