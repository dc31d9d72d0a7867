package io.onestore.ingestor.targets;

import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cycle's walk down a feed, newest first, to the target's high-water mark (docs/coverage.md). The caller reads a
 * page, hands its posts to {@link #accept}, and reads the next page while {@code accept} says so; {@link #finish}
 * then gives the new mark and, when the walk stopped before the mark, the gap it leaves.
 *
 * <p>Feeds are only roughly in date order, so reaching a post at or before the mark does not end the walk: one more
 * page is read (and, with an {@code overlap}, every post down to {@code mark - overlap}). Not thread-safe: one walk
 * per target per cycle.
 */
public final class FeedWalk {

    private final Mark mark;
    private final int pageBudget;
    private final Instant floor;

    private int pages;
    private boolean reachedMark;
    private boolean pageAfterMark;
    private boolean floorReached;
    private boolean exhausted;
    private Mark newest;
    private Instant oldest;
    private int postsAfterMark;
    private int postsRead;
    private GapReason stoppedBy;
    private String resume;

    /**
     * @param mark the target's high-water mark; null on the first walk, which reads one page and sets it
     * @param pageBudget the most pages this walk may read (at least 1)
     * @param overlap how far below the mark to keep reading (zero: one page past the first old post)
     */
    public FeedWalk(Mark mark, int pageBudget, Duration overlap) {
        if (pageBudget < 1) {
            throw new IllegalArgumentException("page budget must be at least 1: " + pageBudget);
        }
        this.mark = mark;
        this.pageBudget = pageBudget;
        this.floor = mark == null ? null : mark.publishedAt().minus(overlap);
    }

    /**
     * Like {@link #accept(List, boolean)}, remembering the cursor of the page after this one: a gap the walk leaves can
     * be re-read from there by a later capture.
     *
     * @param next the upstream cursor of the next page; null on the last page
     */
    public boolean accept(List<Mark> page, String next) {
        resume = next;
        return accept(page, next != null);
    }

    /**
     * Takes one page's posts (in feed order) and says whether to read the next one.
     *
     * @param morePages whether the upstream offers a next page
     */
    public boolean accept(List<Mark> page, boolean morePages) {
        pages++;
        boolean markOnThisPage = false;
        for (Mark post : page) {
            postsRead++;
            if (newest == null || post.publishedAt().isAfter(newest.publishedAt())) {
                newest = post;
            }
            if (oldest == null || post.publishedAt().isBefore(oldest)) {
                oldest = post.publishedAt();
            }
            if (mark == null) {
                continue;
            }
            if (isAtOrBeforeMark(post)) {
                markOnThisPage = true;
                if (!post.publishedAt().isAfter(floor)) {
                    floorReached = true;
                }
            } else {
                postsAfterMark++;
            }
        }
        if (reachedMark) {
            pageAfterMark = true;
        }
        reachedMark |= markOnThisPage;
        exhausted = !morePages;
        return !done() && morePages && pages < pageBudget;
    }

    /**
     * The caller stops reading before {@link #accept} said so: the account pool had no call left ({@link
     * GapReason#ACCOUNT_BUDGET}) or a page failed ({@link GapReason#UPSTREAM_FAILURE}).
     */
    public void stop(GapReason reason) {
        if (stoppedBy == null) {
            stoppedBy = reason;
        }
    }

    /** Whether the walk is over: {@link #accept} said stop, the caller stopped it, or the feed ended. */
    public boolean over() {
        return done() || exhausted || stoppedBy != null || pages >= pageBudget;
    }

    /** Posts read so far (all pages). */
    public int postsRead() {
        return postsRead;
    }

    /** The walk's outcome, with the reason the caller gave to {@link #stop}, if any. */
    public Result finish() {
        return finish(stoppedBy);
    }

    private boolean isAtOrBeforeMark(Mark post) {
        return !post.publishedAt().isAfter(mark.publishedAt()) || Objects.equals(post.postId(), mark.postId());
    }

    private boolean done() {
        return mark == null || (reachedMark && pageAfterMark && floorReached);
    }

    /**
     * The walk's outcome.
     *
     * @param stoppedBy why the caller stopped reading, when it was not {@link #accept} that said so: the account pool had
     *     no call left ({@link GapReason#ACCOUNT_BUDGET}) or a page failed ({@link GapReason#UPSTREAM_FAILURE}); null
     *     otherwise
     */
    public Result finish(GapReason stoppedBy) {
        boolean complete = done() || exhausted;
        Optional<Gap> gap = Optional.empty();
        if (mark != null && !reachedMark && !exhausted) {
            GapReason reason = stoppedBy != null ? stoppedBy : GapReason.PAGE_BUDGET;
            // Posts at the oldest time read were read; older ones down to the mark were not.
            Instant to = oldest != null ? oldest : Instant.MAX;
            gap = Optional.of(new Gap(mark.publishedAt(), to, reason, pages, resume));
            complete = false;
        }
        Mark newMark = newest;
        if (mark != null && (newMark == null || !newMark.publishedAt().isAfter(mark.publishedAt()))) {
            newMark = mark;
        }
        return new Result(newMark, oldest, pages, postsAfterMark, complete, gap);
    }

    /** Pages read so far. */
    public int pages() {
        return pages;
    }

    /**
     * @param mark the new high-water mark (the newest post read, never older than the old mark); null when nothing was
     *     ever read
     * @param oldestRead the oldest post time read; null when no post was read
     * @param newPosts posts read that were newer than the old mark (all posts read on a first walk count as 0)
     * @param reachedMark the walk read back to the old mark (or the feed ended)
     * @param gap the range left unread between the old mark and the oldest post read
     */
    public record Result(
            Mark mark, Instant oldestRead, int pages, int newPosts, boolean reachedMark, Optional<Gap> gap) {}

    /**
     * An unread range {@code [from, to)} of post times.
     *
     * @param cursor the upstream cursor of the page after the last one read, where a re-read of the range starts; null
     *     when unknown or the range cannot be re-read
     */
    public record Gap(Instant from, Instant to, GapReason reason, int pagesRead, String cursor) {

        /** A gap without a cursor to re-read it from. */
        public Gap(Instant from, Instant to, GapReason reason, int pagesRead) {
            this(from, to, reason, pagesRead, null);
        }
    }
}
