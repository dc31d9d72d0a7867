package io.onestore.ingestor.account;

import java.util.Locale;

/** Where an account stands in the rotation; what health and the {@code onestore.accounts} gauge report. */
public enum AccountState {
    /** Has call budget and is not resting. */
    AVAILABLE,
    /** Used up its calls for the current budget window. */
    EXHAUSTED,
    /** Resting after a rate limit or a "please wait" until a known instant. */
    COOLING_DOWN,
    /** Walled (login page, checkpoint, invalid token): needs a human, never picked again by this process. */
    OUT_OF_ROTATION;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
