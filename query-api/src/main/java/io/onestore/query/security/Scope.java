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
            throw new IllegalArgumentException("unknown API key scope '" + text.strip() + "': use read or write");
        }
    }
}
