package io.onestore.ingestor.account;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The Graph API's "30 unique hashtags per rolling 7 days" rule for one account. A hashtag counts from the last time
 * the account queried it until {@code window} later; querying a hashtag that still counts costs nothing more, which
 * is what makes hashtag→account affinity pay off. Not thread-safe: the pool guards it.
 */
final class HashtagQuota {

    private final int limit;
    private final Duration window;
    private final Map<String, Instant> lastQueried = new HashMap<>();

    HashtagQuota(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** Whether the account already spends a slot on {@code tag}, so querying it again is free. */
    boolean holds(String tag, Instant now) {
        Instant last = lastQueried.get(tag);
        return last != null && last.plus(window).isAfter(now);
    }

    boolean admits(String tag, Instant now) {
        return holds(tag, now) || used(now) < limit;
    }

    void record(String tag, Instant now) {
        lastQueried.put(tag, now);
    }

    int used(Instant now) {
        lastQueried.values().removeIf(last -> !last.plus(window).isAfter(now));
        return lastQueried.size();
    }
}
