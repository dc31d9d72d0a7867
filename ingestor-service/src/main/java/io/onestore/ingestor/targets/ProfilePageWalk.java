package io.onestore.ingestor.targets;

import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Instant;
import java.util.List;

/**
 * The ledger's view of a profile capture that reads one page of the profile's latest posts and cannot page further
 * (Instagram's profile page: the latest 12 posts on the web and legacy endpoints, 25 through Graph business
 * discovery). Pure; docs/coverage.md#profiles.
 *
 * <p>The page is a walk of one page to the high-water mark: when its oldest post is newer than the mark and the
 * profile has older posts, the posts between the mark and the page are out of the endpoint's reach, an
 * {@code api_window} gap (a profile posting more than a page between two captures). The first capture covers from
 * the page's oldest post; its back-fill is over at once, since the endpoint cannot go back, and
 * {@code [backfill.start, oldest post read)} is an {@code api_window} gap when the profile has older posts. When the
 * page holds all the profile's posts the feed has ended, and nothing older is missing.
 */
public final class ProfilePageWalk {

    private ProfilePageWalk() {}

    /**
     * @param order what the ledger asked of this capture (its mark, its back-fill start)
     * @param page the posts the page showed, in any order
     * @param olderPosts whether the profile has posts older than the page (its media count exceeds what the page
     *     showed, or is unknown)
     * @param calls upstream calls the capture spent
     * @return null when the page showed no post of a profile that has some (a private profile): the capture read
     *     nothing of its posts, so the ledger is left as it was and the time since its last capture stays uncovered
     */
    public static CoverageUpdate.Capture read(CoverageOrder order, List<Mark> page, boolean olderPosts, int calls) {
        if (page.isEmpty() && olderPosts) {
            return null;
        }
        FeedWalk walk = new FeedWalk(order.mark(), 1, order.overlap());
        walk.accept(page, olderPosts);
        if (olderPosts) {
            // Older posts exist but the endpoint offers no next page: short of the mark, the walk ends at its window.
            walk.stop(GapReason.API_WINDOW);
        }
        FeedWalk.Result result = walk.finish();
        Backfill backfill = order.backfill();
        FeedWalk.Gap window = null;
        if (backfill != null && !backfill.done() && result.oldestRead() != null) {
            Instant reached = backfill.reached() == null || result.oldestRead().isBefore(backfill.reached())
                    ? result.oldestRead()
                    : backfill.reached();
            if (olderPosts && backfill.start().isBefore(reached)) {
                window = new FeedWalk.Gap(backfill.start(), reached, GapReason.API_WINDOW, 0);
            }
            backfill = new Backfill(backfill.start(), reached, null, true, backfill.pages());
        }
        return new CoverageUpdate.Capture(result, page.size(), backfill, 0, calls, window, false);
    }
}
