package io.onestore.ingestor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code onestore.sources.*}: the upstream networks. Part of {@link IngestorProperties}. */
public record SourceSettings(@Valid @NotNull @DefaultValue Instagram instagram) {

    /** @param mode which Instagram adapter to use: legacy, web or graph */
    public record Instagram(@NotNull @DefaultValue("web") String mode) {}
}
