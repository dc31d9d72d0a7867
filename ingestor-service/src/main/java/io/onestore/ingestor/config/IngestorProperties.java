package io.onestore.ingestor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the ingestor, under {@code onestore.*}; defaults and comments in application.yml. The nested
 * records live in their own files ({@link SourceSettings}, {@link IngestSettings},
 * {@link EnrichSettings}) to keep each one readable.
 */
@Validated
@ConfigurationProperties("onestore")
public record IngestorProperties(
        @Valid @NotNull @DefaultValue Index index,
        @Valid @NotNull @DefaultValue IngestSettings ingest,
        @Valid @NotNull @DefaultValue SourceSettings sources,
        @Valid @NotNull @DefaultValue EnrichSettings enrich) {

    /** @param prefix put in front of every index, alias and template name */
    public record Index(@NotNull @DefaultValue("onestore-") String prefix) {}
}
