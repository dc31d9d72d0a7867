package io.onestore.ingestor.account;

import java.io.IOException;

/**
 * The day's spend per target of one metered platform as every ingestor process sees it ({@code index/SpendBook} keeps
 * it in {@code target-spend}). A target is captured by one process at a time (its lease), so the process that captures
 * it next {@linkplain #today reads} what the previous one {@linkplain #publish published} at the end of its capture and
 * counts on from there ({@link SpendLedger#adopt}): per-target counts and ceilings hold across replicas.
 *
 * @param <D> the ledger's record of one target's day
 */
public interface SharedSpend<D extends SpendLedger.Day> {

    /**
     * What was last published for the target today; zeros when nothing was.
     *
     * @throws IOException when the store could not be read (the caller then spends nothing for the target)
     */
    D today(String targetId) throws IOException;

    /**
     * Writes this process's count of the target's day now, not at the next periodic write.
     *
     * @throws IOException when the store refused it; the periodic write tries again
     */
    void publish(String targetId) throws IOException;
}
