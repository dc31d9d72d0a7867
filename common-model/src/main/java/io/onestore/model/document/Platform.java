package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The social networks OneStore reads. The key is what documents and ids carry. */
public enum Platform {
    INSTAGRAM,
    X,
    TIKTOK,
    /** Bluesky, read from a Jetstream (the network's public event stream). */
    BLUESKY,
    /** Mastodon and the fediverse, read from servers' public hashtag timelines. */
    MASTODON;

    /**
     * Whether a profile target on this platform is captured as snapshots only (its counts: followers, following,
     * media count) without reading the profile's posts: X's profile capture is one user lookup. A profile captured
     * so keeps no coverage ledger, and its posts are not "under-covered" by it: they are not what it reads. Instagram
     * (the profile page's latest posts) and TikTok (the profile's recent videos) read posts, so their profiles keep a
     * ledger; a Bluesky profile keeps the stream's ledger, and Mastodon captures no profiles (docs/coverage.md#profiles).
     */
    public boolean profileSnapshotsOnly() {
        return this == X;
    }

    /**
     * Whether the platform's posts come from a stream read all the time (Bluesky's Jetstream) rather than from
     * captures a cycle schedules. A cycle only takes such a target's profile snapshot; the capture planner leaves it
     * out, since its ledger's rate says how busy the stream is, not how often a cycle must call (docs/coverage.md).
     */
    public boolean streamed() {
        return this == BLUESKY;
    }

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Platform fromKey(String key) {
        for (Platform platform : values()) {
            if (platform.key().equalsIgnoreCase(key)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("unknown platform: " + key);
    }
}
