package io.onestore.query.security;

import java.util.Locale;

/** What a key may do: read answers, or write campaigns (which makes the ingestor watch new targets). */
enum Scope {
    READ,
    WRITE;

    static Scope parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // The text is not repeated: in a mistyped entry it may be part of a key.
            throw new IllegalArgumentException("an API key entry has an unknown scope: use key, key:read or key:write");
        }
    }
}
