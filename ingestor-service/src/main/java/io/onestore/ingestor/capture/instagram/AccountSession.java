package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;

/**
 * The account an adapter was handed for one target, with what it may do beyond the first call: spend more budget on
 * the next page, and report what a later page came to (a rate limit on page 3 still rests the account).
 */
public interface AccountSession {

    /** The account the next call goes through (it may change after {@link #nextCall}). */
    Account account();

    /**
     * Takes one more call from the pool's budget, through the account {@link #account} then names; false means no
     * account has a call left: stop paging and keep what was fetched.
     */
    boolean nextCall();

    void report(FetchOutcome<?> outcome);
}
