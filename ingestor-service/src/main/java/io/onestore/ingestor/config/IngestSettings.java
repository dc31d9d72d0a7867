package io.onestore.ingestor.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code onestore.ingest.*}: what to watch, how often, and how documents reach Elasticsearch. */
public record IngestSettings(@NotNull @DefaultValue("5m") Duration interval) {}
