package io.onestore.ingestor.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code onestore.sources.tiktok.*}: the TikTok Research API ({@code POST /v2/research/video/query/}). Off unless a
 * client key is configured. The API is open to approved non-commercial academic research only (docs/ingestor-tiktok.md).
 * Part of {@link SourceSettings}.
 *
 * @param baseUrl where the API lives; a simulator or WireMock sets it
 * @param clientKey the research client's key ({@code ONESTORE_SOURCES_TIKTOK_CLIENT_KEY}); or {@code clientKeyFile}
 * @param clientSecret the client's secret, from the environment only ({@code ONESTORE_SOURCES_TIKTOK_CLIENT_SECRET});
 *     or {@code clientSecretFile}. Never logged.
 * @param maxCount videos asked per request; the API serves at most 100
 * @param windowDays days one query spans; the API refuses more than 30 (longer ranges are split)
 * @param requestsPerDay query requests per UTC day the ingestor makes at most (TikTok: 1,000 per client)
 * @param recordsPerDay videos per UTC day the ingestor asks for at most (TikTok: 100,000 per client)
 * @param tokenRefreshMargin a client token (valid two hours) is replaced this long before it expires
 * @param maxLookback how far back back-fill queries; a target wanting older posts gets an {@code api_window} gap
 * @param profileDays how far back a profile target's videos are read in each capture
 * @param fields the video fields asked for (comma-separated, the API's names)
 * @param timeout per HTTP call, connection included
 * @param maxBodySize the largest answer read into memory
 */
public record TikTokSettings(
        @NotNull @DefaultValue("https://open.tiktokapis.com") URI baseUrl,
        String clientKey,
        Path clientKeyFile,
        String clientSecret,
        Path clientSecretFile,
        @Min(1) @Max(100) @DefaultValue("100") int maxCount,
        @Min(1) @Max(30) @DefaultValue("30") int windowDays,
        @Min(1) @DefaultValue("1000") int requestsPerDay,
        @Min(1) @DefaultValue("100000") long recordsPerDay,
        @NotNull @DefaultValue("5m") Duration tokenRefreshMargin,
        @NotNull @DefaultValue("365d") Duration maxLookback,
        @NotNull @DefaultValue("7d") Duration profileDays,
        @NotBlank
                @DefaultValue(
                        "id,video_description,create_time,region_code,share_count,view_count,like_count,comment_count,"
                                + "music_id,hashtag_names,username,video_duration")
                String fields,
        @NotNull @DefaultValue("10s") Duration timeout,
        @NotNull @DefaultValue("8MB") DataSize maxBodySize) {

    public boolean enabled() {
        return (clientKey != null && !clientKey.isBlank()) || clientKeyFile != null;
    }

    /** Without the credentials: a record's own toString would print the secret. */
    @Override
    public String toString() {
        return "TikTokSettings[baseUrl=" + baseUrl + ", maxCount=" + maxCount + ", windowDays=" + windowDays
                + ", requestsPerDay=" + requestsPerDay + ", recordsPerDay=" + recordsPerDay
                + ", credentials=<redacted>]";
    }
}
