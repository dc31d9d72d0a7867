package io.onestore.ingestor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code onestore.sources.x.*}: the X API v2 (recent search, tweet counts, users by username). Off unless
 * {@code enabled}; a target on X is then skipped, never fetched from another network.
 *
 * @param enabled whether targets on {@code x} are captured at all
 * @param baseUrl where the API lives; the simulator or WireMock sets it
 * @param accountsFile one bearer token per line, {@code <id> <token>} (the accounts file's format)
 * @param bearerToken one more token, from the environment ({@code ONESTORE_SOURCES_X_BEARER_TOKEN}), pooled as id
 *     {@code env}; never logged. Without it and without {@code accountsFile} the pool is empty and every X fetch
 *     fails as {@code no_account}
 * @param maxPages search pages read per hashtag target per cycle (each at most {@code maxResults} posts)
 * @param maxResults posts per search page, 10 to 100 (X's bounds)
 * @param timeout per HTTP call, connection included
 * @param maxBodySize the largest upstream body read into memory
 * @param budget calls per token per window: X's app-auth recent search allows 450 per 15 minutes
 * @param cooldown how long a token rests after a 429 that carries no {@code x-rate-limit-reset}
 * @param spend what the ingestor may buy per UTC day, in resources X bills (never exceeded)
 */
public record XSettings(
        @DefaultValue("false") boolean enabled,
        @NotNull @DefaultValue("https://api.x.com") URI baseUrl,
        Path accountsFile,
        String bearerToken,
        @Min(1) @DefaultValue("5") int maxPages,
        @Min(10) @Max(100) @DefaultValue("100") int maxResults,
        @NotNull @DefaultValue("10s") Duration timeout,
        @NotNull @DefaultValue("8MB") DataSize maxBodySize,
        @Valid @NotNull @DefaultValue Budget budget,
        @NotNull @DefaultValue("15m") Duration cooldown,
        @Valid @NotNull @DefaultValue Spend spend,
        @Valid @NotNull @DefaultValue SourceSettings.Retry retry,
        @Valid @NotNull @DefaultValue SourceSettings.CircuitBreaker circuitBreaker) {

    /** Without the token: a record's own toString would print it. */
    @Override
    public String toString() {
        return "XSettings[enabled=" + enabled + ", baseUrl=" + baseUrl + ", accountsFile=" + accountsFile
                + ", bearerToken=" + (bearerToken == null ? "none" : "<redacted>") + ", maxPages=" + maxPages
                + ", maxResults=" + maxResults + ", spend=" + spend + "]";
    }

    /** @param callsPerWindow HTTP calls per token per {@code window} */
    public record Budget(
            @Min(1) @DefaultValue("450") int callsPerWindow, @NotNull @DefaultValue("15m") Duration window) {}

    /**
     * The spend ceiling. X bills every post and every user object an answer carries, and every counts request, against
     * prepaid credits; the ingestor buys no more than these per UTC day, in total and per target. Counts come first
     * (one request gives a tag's volume), posts only up to what is left.
     *
     * @param postsPerDay posts read per day, all targets together
     * @param usersPerDay user objects read per day (post authors and profiles), all targets together
     * @param postsPerTargetPerDay posts read per day for one target
     * @param usersPerTargetPerDay user objects read per day for one target
     * @param countRequestsPerDay counts requests per day, all targets together
     */
    public record Spend(
            @Min(0) @DefaultValue("10000") long postsPerDay,
            @Min(0) @DefaultValue("10000") long usersPerDay,
            @Min(0) @DefaultValue("2000") long postsPerTargetPerDay,
            @Min(0) @DefaultValue("2000") long usersPerTargetPerDay,
            @Min(0) @DefaultValue("2000") long countRequestsPerDay) {}
}
