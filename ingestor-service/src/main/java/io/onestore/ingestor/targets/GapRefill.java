package io.onestore.ingestor.targets;

import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Instant;
import java.util.List;

/**
 * One capture's re-read of an open gap (docs/coverage.md, Re-reading gaps): pages from the gap's stored cursor into the
 * past until a page holds a post at or before the gap's start, then one page more (feeds are only roughly in date
 * order, as in {@link FeedWalk}), or until the feed ends; at most {@code pageBudget} pages, taken from the capture's
 * back-fill budget. A re-read that gets there fills the gap; one that stops short narrows it to the part still unread
 * and keeps its cursor for the next capture. Not thread-safe: one per target per capture.
 */
public final class GapRefill {

    private final CoverageGapDocument gap;
    private final int pageBudget;
    private String cursor;
    private int pages;
    private Instant oldest;
    private boolean reachedStart;
    private boolean pageAfterStart;
    private boolean ended;

    /**
     * @param gap an open gap with a cursor
     * @param pageBudget pages this capture may spend on it
     */
    public GapRefill(CoverageGapDocument gap, int pageBudget) {
        this.gap = gap;
        this.pageBudget = pageBudget;
        this.cursor = gap.cursor();
    }

    /** Whether this capture reads any of it. */
    public boolean wanted() {
        return cursor != null && pageBudget > 0;
    }

    /** The cursor of the next page to read. */
    public String cursor() {
        return cursor;
    }

    /**
     * Takes one page and says whether to read the next.
     *
     * @param next the cursor of the page after this one; null when the feed ends
     */
    public boolean accept(List<Mark> page, String next) {
        pages++;
        boolean startOnThisPage = false;
        for (Mark post : page) {
            if (oldest == null || post.publishedAt().isBefore(oldest)) {
                oldest = post.publishedAt();
            }
            if (!post.publishedAt().isAfter(gap.from())) {
                startOnThisPage = true;
            }
        }
        if (reachedStart) {
            pageAfterStart = true;
        }
        reachedStart |= startOnThisPage;
        cursor = next;
        ended = next == null;
        return !filled() && pages < pageBudget;
    }

    /** Pages read. */
    public int pages() {
        return pages;
    }

    private boolean filled() {
        return ended || (reachedStart && pageAfterStart);
    }

    /**
     * The gap as this capture leaves it: {@link CoverageGapDocument.Status#FILLED} at {@code now} when read down to its
     * start; else still open, narrowed to {@code [from, oldest post read)} (the newer part was read) with the cursor to
     * go on from; null when no page was read (the gap stays as it was).
     */
    public CoverageGapDocument result(Instant now) {
        if (pages == 0) {
            return null;
        }
        if (filled()) {
            return gap.filled(now);
        }
        Instant to = gap.to();
        if (oldest != null && oldest.isAfter(gap.from()) && oldest.isBefore(to)) {
            to = oldest;
        }
        return gap.narrowed(to, cursor);
    }
}
