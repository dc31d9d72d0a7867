package io.onestore.ingestor.account;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The part of a {@link SpendLedger} that knows what is still to be written: the targets whose spend of the day changed
 * since it was last handed out, and a past day's changed spend not yet handed out when the day rolled over (written
 * under the day it was spent in). Not thread-safe: its owner calls it from its own synchronized methods.
 *
 * @param <D> the ledger's record of one target's day
 */
public final class UnwrittenSpend<D extends SpendLedger.Day> {

    private final Set<String> changed = new LinkedHashSet<>();
    private final List<D> pastDays = new ArrayList<>();

    /**
     * Takes up the stored spend of {@code today} (another day's is ignored) through {@code adopt}, and marks each of
     * those targets changed, so the next write puts the ledger's count, never less, over what is stored.
     */
    public void seed(List<D> stored, LocalDate today, Consumer<D> adopt) {
        for (D spend : stored) {
            if (spend.day().equals(today)) {
                adopt.accept(spend);
                changed.add(spend.targetId());
            }
        }
    }

    /** The target's spend of the day changed. */
    public void changed(String targetId) {
        changed.add(targetId);
    }

    /** The target's day is being written now: it is not handed out again until it changes. */
    public void taken(String targetId) {
        changed.remove(targetId);
    }

    /** The past days' unwritten spend and today's of every changed target, read through {@code today}; then none. */
    public List<D> takeAll(Function<String, D> today) {
        List<D> out = new ArrayList<>(pastDays);
        pastDays.clear();
        changed.forEach(targetId -> out.add(today.apply(targetId)));
        changed.clear();
        return out;
    }

    /** Spend that could not be written: today's targets are handed out again, a past day's as it was. */
    public void handBack(List<D> unwritten, LocalDate today) {
        for (D spend : unwritten) {
            if (spend.day().equals(today)) {
                changed.add(spend.targetId());
            } else {
                pastDays.add(spend);
            }
        }
    }

    /** The day ends: what changed in it, read through {@code ending}, is still to be written under it. */
    public void dayEnds(Function<String, D> ending) {
        changed.forEach(targetId -> pastDays.add(ending.apply(targetId)));
        changed.clear();
    }
}
