package io.onestore.ingestor.config;

import jakarta.validation.Valid;
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
 * @param cursorInterval while the stream is behind live (full batches), how often the cursor and the ledger are
 *     stored; at live they are stored after every batch. A restart replays at most this much more (harmlessly)
 * @param reconnectBackoff first wait before reconnecting, doubled up to {@code reconnectBackoffMax}
 * @param targetsRefresh how often the watched hashtags are read again from the targets
 * @param coverageInterval how often the coverage ledger of the streamed hashtags follows the stored cursor
 * @param backfill how far back a hashtag new to the stream is read by replaying from an older cursor on a second
 *     connection (capped at {@code replayWindow}); zero: it is covered from when the stream first reads it
 * @param appview the public AppView for profiles (handle resolution and follower counts); off unless its URL is set
 */
public record BlueskySettings(
        @NotNull @DefaultValue List<URI> endpoints,
        @NotBlank @DefaultValue("OneStore/0.1 (+https://github.com/onestore/onestore)") String userAgent,
        @NotNull @DefaultValue("5s") Duration cursorOverlap,
        @NotNull @DefaultValue("24h") Duration replayWindow,
        @Min(1) @DefaultValue("1000") int batchSize,
        @NotNull @DefaultValue("1s") Duration batchInterval,
        @NotNull @DefaultValue("5s") Duration cursorInterval,
        @NotNull @DefaultValue("1s") Duration reconnectBackoff,
        @NotNull @DefaultValue("1m") Duration reconnectBackoffMax,
        @NotNull @DefaultValue("30s") Duration targetsRefresh,
        @NotNull @DefaultValue("30s") Duration coverageInterval,
        @NotNull @DefaultValue("0s") Duration backfill,
        @Valid @NotNull @DefaultValue AppView appview) {

    public boolean enabled() {
        return !endpoints.isEmpty();
    }

    /**
     * {@code onestore.sources.bluesky.appview.*}: Bluesky's public AppView over XRPC, read without an account: profile
     * targets ({@code @alice.bsky.social bluesky}) are resolved to their DID with
     * {@code com.atproto.identity.resolveHandle}, and follower counts of watched profiles and of the authors of
     * stored posts come from {@code app.bsky.actor.getProfile(s)}. Off while {@code url} is unset: a handle target is
     * then not matched (a DID target still is) and Bluesky authors have no snapshots.
     *
     * @param url e.g. {@code https://public.api.bsky.app}; null: off
     * @param requestsPerWindow calls at most per {@code window}; the public AppView allows 3000 per 5 minutes per
     *     client address, and the default leaves room for anything else sharing the address
     * @param window the rate window
     * @param timeout per call
     * @param handleTtl how long a handle's DID is trusted before it is resolved again (handles can move)
     */
    public record AppView(
            URI url,
            @Min(1) @DefaultValue("2500") int requestsPerWindow,
            @NotNull @DefaultValue("5m") Duration window,
            @NotNull @DefaultValue("10s") Duration timeout,
            @NotNull @DefaultValue("1h") Duration handleTtl) {

        public boolean enabled() {
            return url != null;
        }
    }
}
