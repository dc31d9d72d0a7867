package io.onestore.simulator.web;

import org.springframework.http.server.reactive.ServerHttpRequest;

/** The upstream API a request belongs to: each has its own tokens, limits and error dialect. */
public enum Family {
    INSTAGRAM_LEGACY,
    INSTAGRAM_WEB,
    INSTAGRAM_GRAPH,
    X,
    TIKTOK,
    /** Mastodon's REST API (public hashtag timelines): anonymous, limited per client address. */
    MASTODON,
    /** The Jetstream WebSocket: no HTTP limits or faults; the stream scripts its own drops. */
    BLUESKY,
    /** Bluesky's public AppView XRPC ({@code /xrpc/…}): anonymous, limited per client address. */
    BLUESKY_APPVIEW,
    /** The simulator's own endpoints (admin, truth, actuator, the login page): no limits, no faults. */
    OWN;

    /** Classifies a request whose Graph API version prefix has already been removed. */
    public static Family of(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        if (path.startsWith("/__") || path.startsWith("/actuator") || path.startsWith("/accounts/")) {
            return OWN;
        }
        if (path.startsWith("/2/")) {
            return X;
        }
        if (path.startsWith("/v2/research/") || path.startsWith("/v2/oauth/")) {
            return TIKTOK;
        }
        if (path.startsWith("/api/v1/timelines/")) {
            return MASTODON;
        }
        if (path.startsWith("/xrpc/")) {
            return BLUESKY_APPVIEW;
        }
        if (path.startsWith("/subscribe")) {
            return BLUESKY;
        }
        if (path.startsWith("/api/v1/")) {
            return INSTAGRAM_WEB;
        }
        if (request.getQueryParams().containsKey("__a")) {
            return INSTAGRAM_LEGACY;
        }
        return INSTAGRAM_GRAPH;
    }
}
