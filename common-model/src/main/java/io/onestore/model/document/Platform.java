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
