package io.onestore.ingestor.account;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetSpendDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One metered platform's spend per target and UTC day, counted in memory by the part that keeps its ceiling (X's
 * {@link SpendCeiling}, TikTok's {@code source/tiktok/ResearchQuota}) and written out by {@code index/SpendBook} into
 * {@code target-spend}. {@code D} is the ledger's own record of one target's day; the ledger alone knows its units, so
 * it converts them to and from the {@link TargetSpendDocument} both sides of the index contract read.
 *
 * @param <D> one target's spend in one day, as the ledger counts it
 */
public interface SpendLedger<D extends SpendLedger.Day> {

    /** One target's spend in one UTC day, in the ledger's units. */
    interface Day {
        String targetId();

        LocalDate day();
    }

    /** The platform whose spend this is: {@code platform} of every document written. */
    Platform platform();

    /**
     * Takes up what earlier processes recorded for today, target by target as {@link #adopt} does; another day's is
     * ignored. Called once, before this process's own spend of the day is first written out.
     */
    void seed(List<D> stored);

    /**
     * Takes up what another process spent on the target today ({@link SharedSpend#today}): each of the target's
     * counters rises to the stored one where that is higher, and the day's totals by as much, so this process never
     * spends past a ceiling what another already spent. Called before a capture of the target.
     */
    void adopt(D stored);

    /** The target's spend today, taken out of what {@link #takeChanged} hands out next (the caller writes it now). */
    D take(String targetId);

    /** The spend of every target whose spend changed since the last call, each under the day it was spent in. */
    List<D> takeChanged();

    /** Hands back spend {@link #takeChanged} or {@link #take} gave out and that could not be written. */
    void stillChanged(List<D> unwritten);

    /** The document of one target's day, with the ceilings the ledger enforces. */
    TargetSpendDocument document(D spend, Instant updatedAt);

    /** One target's day as a stored document tells it; zeros when {@code stored} is null. */
    D day(String targetId, LocalDate day, TargetSpendDocument stored);
}
