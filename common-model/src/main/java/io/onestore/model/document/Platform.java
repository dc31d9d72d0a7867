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
