package io.onestore.ingestor.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onestore.enrich.*}: author enrichment, the profile snapshots the ingestor takes of the authors who matter
 * around the watched tags, because tag feeds carry no follower counts (docs/ingestor-sources.md#author-enrichment).
 * Part of {@link IngestorProperties}.
 *
 * @param enabled false: only the targets' own profiles are captured
 * @param budgetShare the share of the account pool's calls per budget window (accounts × calls-per-window) that
 *     enrichment may spend; the rest stays with the targets. Every call still goes through the pool, so no account
 *     is ever pushed over its own budget
 * @param refreshAfter an author is enriched at most once per this period
 * @param lookback candidates come from the watched tags' posts published this far back
 * @param candidates authors considered per captured tag and cycle: this many by total engagement, and this many by
 *     posts
 * @param maxPerCycle profiles fetched at most per cycle, so one cycle never spends the whole share at once
 */
public record EnrichSettings(
        @DefaultValue("true") boolean enabled,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.2") double budgetShare,
        @NotNull @DefaultValue("7d") Duration refreshAfter,
        @NotNull @DefaultValue("14d") Duration lookback,
        @Min(1) @DefaultValue("50") int candidates,
        @Min(1) @DefaultValue("10") int maxPerCycle) {}
