package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a post shows. Upstream codes (GraphImage, media_type 8, REELS, …) are mapped by the normalisers. */
public enum MediaType {
    PHOTO,
    VIDEO,
    CAROUSEL,
    TEXT;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MediaType fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
