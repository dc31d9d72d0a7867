package io.onestore.ingestor.targets;

import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Instant;
import java.util.List;

/**
 * One cycle's share of a target's back-fill: pages read from the stored cursor into the past, at most {@code pages} of
 * them, until the posts are older than the back-fill start or the feed ends (docs/coverage.md). Live capture reads
 * first in every cycle; this walk only spends what the cycle's back-fill budget leaves. Not thread-safe.
 */
public final class BackfillWalk {

    private final Instant start;
    private final int pageBudget;
    private String cursor;
    private Instant reached;
    private boolean done;
    private int pages;
    private int lent;
    private final long pagesBefore;

    /**
     * @param state the stored progress (its start, cursor and reached); never null
     * @param pageBudget pages this cycle may spend on it
     */
    public BackfillWalk(Backfill state, int pageBudget) {
        this.start = state.start();
        this.cursor = state.cursor();
        this.reached = state.reached();
        this.done = state.done();
        this.pagesBefore = state.pages();
        this.pageBudget = pageBudget;
    }

    /** Whether this cycle reads back-fill pages at all. */
    public boolean wanted() {
        return !done && pageBudget - lent > 0;
    }

    /** {@code pages} of this cycle's budget went to re-reading a gap ({@link GapRefill}): back-fill gets the rest. */
    public void shareBudget(int pages) {
        lent += pages;
    }

    /** Where to start: the stored cursor, or {@code liveCursor} (the page after the live walk) the first time. */
    public String cursor(String liveCursor) {
        if (cursor == null) {
            cursor = liveCursor;
        }
        return cursor;
    }

    /**
     * Takes one back-fill page and says whether to read the next.
     *
     * @param next the cursor of the page after this one; null when the feed ends
     */
    public boolean accept(List<Mark> page, String next) {
        pages++;
        for (Mark post : page) {
            if (reached == null || post.publishedAt().isBefore(reached)) {
                reached = post.publishedAt();
            }
        }
        cursor = next;
        if (next == null || (reached != null && !reached.isAfter(start))) {
            done = true;
        }
        return !done && pages + lent < pageBudget;
    }

    /** The live walk ended the feed itself: there is nothing older to read. */
    public void feedEnded(Instant oldest) {
        if (oldest != null && (reached == null || oldest.isBefore(reached))) {
            reached = oldest;
        }
        cursor = null;
        done = true;
    }

    public int pages() {
        return pages;
    }

    /**
     * The progress to store. A walk done at its start keeps its cursor: a campaign that later wants more history goes
     * on from there ({@link CoverageBook}); a walk that ended with the feed has none.
     */
    public Backfill state() {
        return new Backfill(start, reached, cursor, done, pagesBefore + pages);
    }
}
