package io.onestore.ingestor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code onestore.sources.*}: the upstream networks. Part of {@link IngestorProperties}. */
public record SourceSettings(
        @Valid @NotNull @DefaultValue Instagram instagram,
        @Valid @NotNull @DefaultValue MastodonSettings mastodon,
        @Valid @NotNull @DefaultValue BlueskySettings bluesky,
        @Valid @NotNull @DefaultValue TikTokSettings tiktok) {

    /**
     * @param mode which Instagram adapter to use
     * @param baseUrl where the chosen adapter's endpoints live; absent means the real network for that mode
     *     ({@link Mode#defaultBaseUrl()}), a simulator or WireMock sets it
     * @param accountsFile one account per line, {@code <id> <token> [<ig-user-id>]}; absent means an empty pool (the
     *     service starts, every fetch fails as {@code no_account})
     * @param appId the public id of Instagram's web app, sent as {@code x-ig-app-id} by the web adapter
     * @param maxPages pages fetched per target per cycle where an endpoint pages (legacy tag feed, graph media)
     * @param timeout per HTTP call, connection included; a call that takes longer is a transient fault
     * @param maxBodySize the largest upstream body read into memory
     */
    public record Instagram(
            @NotNull @DefaultValue("web") Mode mode,
            URI baseUrl,
            Path accountsFile,
            @NotBlank @DefaultValue("936619743392459") String appId,
            @Min(1) @DefaultValue("3") int maxPages,
            @NotNull @DefaultValue("10s") Duration timeout,
            @NotNull @DefaultValue("8MB") DataSize maxBodySize,
            @Valid @NotNull @DefaultValue Budget budget,
            @Valid @NotNull @DefaultValue Cooldown cooldown,
            @Valid @NotNull @DefaultValue Retry retry,
            @Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker) {

        public URI effectiveBaseUrl() {
            return baseUrl != null ? baseUrl : mode.defaultBaseUrl();
        }
    }

    public enum Mode {
        /** The seed's {@code ?__a=1} endpoints. */
        LEGACY("https://www.instagram.com", 24),
        /** The current web endpoints ({@code /api/v1/...}, {@code x-ig-app-id}). */
        WEB("https://www.instagram.com", 24),
        /** The Instagram Graph API for business accounts. */
        GRAPH("https://graph.facebook.com/v21.0", 50);

        private final String defaultBaseUrl;
        private final int feedPageSize;

        Mode(String defaultBaseUrl, int feedPageSize) {
            this.defaultBaseUrl = defaultBaseUrl;
            this.feedPageSize = feedPageSize;
        }

        /**
         * Posts per page of its hashtag feed: the web feeds send about two dozen (grid rows of three and clips rows),
         * Graph's {@code recent_media} up to 50 as the adapter asks. The planner's estimate of pages per capture.
         */
        public int feedPageSize() {
            return feedPageSize;
        }

        public URI defaultBaseUrl() {
            return URI.create(defaultBaseUrl);
        }

        /** The {@code source} its documents and request metrics carry: {@code instagram-legacy|web|graph}. */
        public String source() {
            return "instagram-" + name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What one account may do. Instagram's documented Graph limits are the defaults; the web endpoints have no
     * published limit and the same 200/hour keeps an account well below what gets it walled.
     *
     * @param callsPerWindow HTTP calls per account per {@code window}
     * @param hashtagsPerWindow graph only: unique hashtags per account per {@code hashtagWindow} (Meta: 30 / 7 days)
     */
    public record Budget(
            @Min(1) @DefaultValue("200") int callsPerWindow,
            @NotNull @DefaultValue("1h") Duration window,
            @Min(1) @DefaultValue("30") int hashtagsPerWindow,
            @NotNull @DefaultValue("7d") Duration hashtagWindow) {}

    /**
     * @param rateLimited how long a rate-limited account rests when the upstream sends no {@code Retry-After}
     * @param pleaseWait how long an account rests after 401 "Please wait a few minutes"
     */
    public record Cooldown(
            @NotNull @DefaultValue("15m") Duration rateLimited, @NotNull @DefaultValue("10m") Duration pleaseWait) {}

    /** Retries of transient faults (5xx, timeouts) on the same account, with exponential backoff. */
    public record Retry(
            @Min(1) @DefaultValue("3") int maxAttempts,
            @NotNull @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier) {}

    /** One breaker per upstream: when most calls fail transiently, stop calling for {@code openFor}. */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRatePercent,
            @Min(1) @DefaultValue("20") int slidingWindow,
            @Min(1) @DefaultValue("10") int minimumCalls,
            @NotNull @DefaultValue("60s") Duration openFor) {}
}
