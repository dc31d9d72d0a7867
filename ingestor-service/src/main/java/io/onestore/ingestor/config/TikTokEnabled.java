package io.onestore.ingestor.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The TikTok source is off unless {@code onestore.sources.tiktok.client-key} is set, or {@code client-key-file} names a
 * file that exists: a deployment that mounts its config folder without TikTok's files (most: the API is for approved
 * researchers only) then runs without the source instead of failing to start.
 */
public final class TikTokEnabled extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        boolean configured = !environment
                        .getProperty("onestore.sources.tiktok.client-key", "")
                        .isBlank()
                || keyFile(environment.getProperty("onestore.sources.tiktok.client-key-file", ""));
        return configured
                ? ConditionOutcome.match("a TikTok client key is configured")
                : ConditionOutcome.noMatch("no TikTok client key is configured (or its file does not exist)");
    }

    private static boolean keyFile(String path) {
        try {
            return !path.isBlank() && Files.isRegularFile(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
