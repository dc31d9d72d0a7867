package io.onestore.ingestor.config;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The open-network sources are off unless configured: a source's beans exist only when its list of servers or
 * endpoints is non-empty, however it was set (a comma-separated variable or an indexed YAML list).
 */
public abstract class SourceEnabled extends SpringBootCondition {

    private final String listProperty;

    protected SourceEnabled(String listProperty) {
        this.listProperty = listProperty;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean configured = Binder.get(context.getEnvironment())
                .bind(listProperty, Bindable.listOf(String.class))
                .map(list -> list.stream().anyMatch(s -> !s.isBlank()))
                .orElse(false);
        return configured
                ? ConditionOutcome.match(listProperty + " is set")
                : ConditionOutcome.noMatch(listProperty + " is empty");
    }

    /** {@code onestore.sources.mastodon.servers} lists a server. */
    public static final class Mastodon extends SourceEnabled {
        public Mastodon() {
            super("onestore.sources.mastodon.servers");
        }
    }

    /** {@code onestore.sources.bluesky.endpoints} lists a Jetstream. */
    public static final class Bluesky extends SourceEnabled {
        public Bluesky() {
            super("onestore.sources.bluesky.endpoints");
        }
    }
}
