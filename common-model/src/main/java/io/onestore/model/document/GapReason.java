package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a range of a target's feed was not read (docs/coverage.md). */
public enum GapReason {
    /** The walk used the target's page budget for the cycle before it reached the high-water mark. */
    PAGE_BUDGET,
    /** No account had calls (or Graph hashtag slots) left for the target. */
    ACCOUNT_BUDGET,
    /** The upstream kept failing (5xx, timeouts, malformed answers, login walls) during the walk. */
    UPSTREAM_FAILURE,
    /** The endpoint cannot go back that far: Graph {@code recent_media} shows 24 hours, {@code top_media} no dates. */
    API_WINDOW,
    /** Elasticsearch was unreachable, so capture paused (leases live there). */
    STORE_UNAVAILABLE,
    /**
     * The upstream's own rate limit for our client left no calls (a Mastodon server's {@code X-RateLimit-Remaining: 0}
     * or 429): no account of ours was short, the server asked us to wait.
     */
    RATE_LIMITED,
    /**
     * The upstream refuses the feed to anonymous readers (a Mastodon server that shows its hashtag timelines to
     * signed-in users only): the range stays unread while it does.
     */
    LOCKED;

    /**
     * Whether a later capture can still read the range: a feed that pages back with a cursor ({@code max_id}) still
     * holds it, unless the endpoint's own window hides it ({@link #API_WINDOW}).
     */
    public boolean rereadable() {
        return this != API_WINDOW;
    }

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static GapReason fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
