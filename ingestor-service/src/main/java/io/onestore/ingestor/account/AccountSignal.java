package io.onestore.ingestor.account;

import java.time.Duration;

/**
 * What an upstream call said about the account that made it, as far as the pool cares. The sources' typed outcomes
 * implement these, so the pool acts on them without knowing any source: the arrow points from {@code source/} to
 * {@code account/}, never back.
 */
public interface AccountSignal {

    /** The failure's explanation, for the log (no secrets: never a URL, header or token). */
    String reason();

    /** The account is rate-limited: rest it. */
    interface RateLimited extends AccountSignal {
        /** What the upstream asked for; null when it did not say (the configured cooldown applies). */
        Duration retryAfter();
    }

    /** The account was told to wait a few minutes: a soft block of the account, not of the upstream. */
    interface PleaseWait extends AccountSignal {}

    /** The account needs a human (login wall, checkpoint, invalid token): out of rotation. */
    interface LoginWall extends AccountSignal {}
}
