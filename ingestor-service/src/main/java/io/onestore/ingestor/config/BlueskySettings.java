package io.onestore.ingestor.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onestore.sources.bluesky.*}: Bluesky's posts from a Jetstream, the network's public JSON event stream over a
 * WebSocket, read without an account. Off while {@code endpoints} is empty. Part of {@link SourceSettings}.
 *
 * @param endpoints Jetstream subscribe URLs, tried in order and in turn on failure, e.g.
 *     {@code wss://jetstream2.us-east.bsky.network/subscribe}
 * @param userAgent sent with the WebSocket handshake, so the operator of the endpoint can reach ours
 * @param cursorOverlap how far before the stored cursor a resumed stream starts: events in the overlap are indexed
 *     again under the same ids, so none at the edge is lost
 * @param replayWindow how far back the endpoints can replay; a disconnection longer than this is a gap in coverage
 * @param batchSize events matched before the batch is handed to the indexer and the cursor advanced; at most one batch
 *     is held while the socket is not read (TCP backpressure), so a burst never grows memory without bound
 * @param batchInterval the longest a partial batch waits
 * @param reconnectBackoff first wait before reconnecting, doubled up to {@code reconnectBackoffMax}
 * @param targetsRefresh how often the watched hashtags are read again from the targets
 * @param coverageInterval how often the coverage ledger of the streamed hashtags follows the stored cursor
 * @param backfill how far back a hashtag new to the stream is read by replaying from an older cursor on a second
 *     connection (capped at {@code replayWindow}); zero: it is covered from when the stream first reads it
 */
public record BlueskySettings(
        @NotNull @DefaultValue List<URI> endpoints,
        @NotBlank @DefaultValue("OneStore/0.1 (+https://github.com/onestore/onestore)") String userAgent,
        @NotNull @DefaultValue("5s") Duration cursorOverlap,
        @NotNull @DefaultValue("24h") Duration replayWindow,
        @Min(1) @DefaultValue("500") int batchSize,
        @NotNull @DefaultValue("1s") Duration batchInterval,
        @NotNull @DefaultValue("1s") Duration reconnectBackoff,
        @NotNull @DefaultValue("1m") Duration reconnectBackoffMax,
        @NotNull @DefaultValue("30s") Duration targetsRefresh,
        @NotNull @DefaultValue("30s") Duration coverageInterval,
        @NotNull @DefaultValue("0s") Duration backfill) {

    public boolean enabled() {
        return !endpoints.isEmpty();
    }
}
