package io.onestore.query.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Every setting of the query API, under {@code onestore.*}; defaults and comments in application.yml. */
@Validated
@ConfigurationProperties("onestore")
public record QueryApiProperties(
        @Valid @NotNull @DefaultValue Index index,
        @Valid @NotNull @DefaultValue Security security,
        @Valid @NotNull @DefaultValue Limits limits,
        @Valid @NotNull @DefaultValue Influencers influencers,
        @Valid @NotNull @DefaultValue Spikes spikes,
        @Valid @NotNull @DefaultValue Coverage coverage,
        @Valid @NotNull @DefaultValue Elasticsearch elasticsearch) {

    /** @param prefix put in front of every index, alias and template name */
    public record Index(@NotNull @DefaultValue("onestore-") String prefix) {}

    /**
     * @param apiKeys comma-separated {@code key} or {@code key:scope} (scope {@code read} or {@code write}; none = both)
     * @param keysFile a file with the same entries, one per line or comma-separated; {@code #} starts a comment
     */
    public record Security(@DefaultValue("") String apiKeys, @DefaultValue("") String keysFile) {}

    /**
     * Bounds of every request, so no caller can ask for an unbounded answer.
     *
     * @param maxHashtags hashtags per request (and per campaign)
     * @param maxBuckets time buckets one answer may hold ({@code (to - from) / interval})
     * @param maxPageSize posts per page of a search
     * @param maxResultWindow how deep search pages may go ({@code (page + 1) * size}), Elasticsearch's own limit
     * @param maxCampaigns campaigns listed at most
     * @param retryAfter what a 503 tells the caller to wait
     * @param defaultWindow the window of an insight asked for without {@code from}/{@code to}: this long, up to now
     */
    public record Limits(
            @Min(1) @Max(100) @DefaultValue("20") int maxHashtags,
            @Min(10) @Max(10000) @DefaultValue("2000") int maxBuckets,
            @Min(1) @Max(1000) @DefaultValue("100") int maxPageSize,
            @Min(100) @Max(10000) @DefaultValue("10000") int maxResultWindow,
            @Min(1) @Max(1000) @DefaultValue("200") int maxCampaigns,
            @NotNull @DefaultValue("30s") Duration retryAfter,
            @NotNull @DefaultValue("7d") Duration defaultWindow) {}

    /**
     * @param maxLimit authors returned at most
     * @param candidateFactor authors fetched per author returned, ranked by total engagement, before the score
     *     re-ranks them in Java (the score cannot be computed in Elasticsearch without scripts)
     * @param latestPosts posts per author the engagement rate is averaged over
     * @param ownedAccounts accounts the brand owns (usernames, Mastodon {@code user@server}, Bluesky handles or DIDs),
     *     left out of every ranking unless {@code includeOwned=true}
     *     (a campaign's own handles are added to these in its report); absent: none
     */
    public record Influencers(
            @Min(1) @Max(500) @DefaultValue("100") int maxLimit,
            @Min(1) @Max(20) @DefaultValue("5") int candidateFactor,
            @Min(1) @Max(100) @DefaultValue("12") int latestPosts,
            List<String> ownedAccounts) {

        public Influencers {
            ownedAccounts = ownedAccounts == null ? List.of() : List.copyOf(ownedAccounts);
        }
    }

    /**
     * @param trailingBuckets buckets before each bucket that form its baseline
     * @param minDeviation floor of the robust deviation, so a flat baseline does not flag every +1
     * @param topPosts posts shown per spike
     * @param maxSpikes spikes returned at most (the strongest)
     */
    public record Spikes(
            @Min(3) @Max(100) @DefaultValue("7") int trailingBuckets,
            @DecimalMin("0.0") @DefaultValue("1.0") double minDeviation,
            @Min(1) @Max(20) @DefaultValue("3") int topPosts,
            @Min(1) @Max(500) @DefaultValue("50") int maxSpikes) {}

    /**
     * How much coverage a comparison needs (docs/coverage.md#refused-comparisons).
     *
     * @param minComparableShare the least {@code coveredShare} each window of a ratio must have (a campaign's
     *     baseline and the phase compared with it, every hashtag of a share of voice, a spike's bucket and trailing
     *     baseline) for the ratio to be shown; below it the ratio is null and the answer says why
     */
    public record Coverage(@DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.95") double minComparableShare) {}

    /**
     * The Elasticsearch client's connection pool (the address, timeouts and credentials are Spring Boot's
     * {@code spring.elasticsearch.*}). The low-level client's own defaults, 10 per node and 30 in all, queue the
     * 11th concurrent API request behind the others before Elasticsearch sees it; the pool should hold at least as
     * many connections per node as requests served at once.
     *
     * @param maxConnectionsPerNode open connections to one Elasticsearch node at most
     * @param maxConnections open connections to all nodes together at most
     */
    public record Elasticsearch(
            @Min(1) @Max(1000) @DefaultValue("50") int maxConnectionsPerNode,
            @Min(1) @Max(5000) @DefaultValue("100") int maxConnections) {}
}
