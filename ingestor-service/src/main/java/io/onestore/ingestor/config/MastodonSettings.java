package io.onestore.ingestor.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code onestore.sources.mastodon.*}: public hashtag timelines ({@code GET /api/v1/timelines/tag/{tag}}) of the
 * listed servers, read without an account. Off while {@code servers} is empty. Part of {@link SourceSettings}.
 *
 * @param servers base URLs of the servers to read, e.g. {@code https://mastodon.social}; each serves the posts it
 *     knows of (its own and the federated ones), so several servers see more of the fediverse
 * @param limit statuses per page; Mastodon caps it at 40
 * @param maxPages pages read per server and tag per cycle; what is left is read next cycle from the cursor
 * @param backfillPages pages read back (older than the newest) the first time a tag is read on a server
 * @param userAgent sent with every request: server admins see who reads them and how to reach the operator
 * @param lockedRecheck how long a server that refuses its hashtag timeline (401/403/422) is left alone before asking
 *     again
 * @param timeout per HTTP call, connection included
 * @param maxBodySize the largest timeline page read into memory
 */
public record MastodonSettings(
        @NotNull @DefaultValue List<URI> servers,
        @Min(1) @Max(40) @DefaultValue("40") int limit,
        @Min(1) @DefaultValue("5") int maxPages,
        @Min(0) @DefaultValue("0") int backfillPages,
        @NotBlank @DefaultValue("OneStore/0.1 (+https://github.com/onestore/onestore)") String userAgent,
        @NotNull @DefaultValue("6h") Duration lockedRecheck,
        @NotNull @DefaultValue("10s") Duration timeout,
        @NotNull @DefaultValue("4MB") DataSize maxBodySize) {

    public boolean enabled() {
        return !servers.isEmpty();
    }
}
