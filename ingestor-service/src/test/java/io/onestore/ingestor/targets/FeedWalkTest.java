package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedWalkTest {

    static final Instant T = Instant.parse("2026-11-30T12:00:00Z");

    static Mark post(int secondsAfterT) {
        return new Mark(T.plusSeconds(secondsAfterT), "p" + secondsAfterT);
    }

    /** A feed, newest first, in pages of {@code size}: posts at T+n-1 … T+0. */
    static List<List<Mark>> feed(int newest, int size) {
        List<List<Mark>> pages = new ArrayList<>();
        List<Mark> page = new ArrayList<>();
        for (int s = newest; s >= 0; s--) {
            page.add(post(s));
            if (page.size() == size) {
                pages.add(page);
                page = new ArrayList<>();
            }
        }
        if (!page.isEmpty()) {
            pages.add(page);
        }
        return pages;
    }

    static FeedWalk.Result walk(FeedWalk walk, List<List<Mark>> pages) {
        for (int i = 0; i < pages.size(); i++) {
            if (!walk.accept(pages.get(i), i + 1 < pages.size())) {
                break;
            }
        }
        return walk.finish(null);
    }

    @Test
    void readsOnePagePastTheFirstPostAtOrBeforeTheMark() {
        FeedWalk walk = new FeedWalk(post(50), 100, Duration.ZERO);
        FeedWalk.Result result = walk(walk, feed(99, 10));
        // Posts 99..50 are on pages 1-5 (page 5 holds 59..50, the mark): page 6 is the one past it.
        assertThat(result.pages()).isEqualTo(6);
        assertThat(result.reachedMark()).isTrue();
        assertThat(result.gap()).isEmpty();
        assertThat(result.mark()).isEqualTo(post(99));
        assertThat(result.newPosts()).isEqualTo(49);
    }

    @Test
    void aPageBudgetShortOfTheMarkLeavesAGapFromTheMarkToTheOldestPostRead() {
        FeedWalk walk = new FeedWalk(post(10), 3, Duration.ZERO);
        FeedWalk.Result result = walk(walk, feed(99, 10));
        assertThat(result.pages()).isEqualTo(3);
        assertThat(result.reachedMark()).isFalse();
        assertThat(result.gap())
                .contains(new FeedWalk.Gap(T.plusSeconds(10), T.plusSeconds(70), GapReason.PAGE_BUDGET, 3));
        assertThat(result.mark()).isEqualTo(post(99));
    }

    @Test
    void aStopByTheCallerNamesItsReason() {
        FeedWalk walk = new FeedWalk(post(10), 100, Duration.ZERO);
        walk.accept(feed(99, 10).get(0), true);
        assertThat(walk.finish(GapReason.UPSTREAM_FAILURE).gap())
                .hasValueSatisfying(gap -> assertThat(gap.reason()).isEqualTo(GapReason.UPSTREAM_FAILURE));
    }

    @Test
    void aPostOutOfDateOrderJustBelowTheMarkPageIsStillRead() {
        // The newest post of all sits on the page after the first old post: the extra page catches it.
        List<List<Mark>> pages = new ArrayList<>(feed(60, 10));
        pages.get(1).set(9, post(61));
        FeedWalk walk = new FeedWalk(post(55), 100, Duration.ZERO);
        FeedWalk.Result result = walk(walk, pages);
        assertThat(result.pages()).isEqualTo(2);
        assertThat(result.mark()).isEqualTo(post(61));
    }

    @Test
    void anOverlapReadsDownToTheMarkLessTheOverlap() {
        FeedWalk walk = new FeedWalk(post(80), 100, Duration.ofSeconds(30));
        FeedWalk.Result result = walk(walk, feed(99, 10));
        // The walk must see a post at or before T+50: page 5 (59..50).
        assertThat(result.pages()).isEqualTo(5);
    }

    @Test
    void theFirstWalkReadsOnePageAndSetsTheMark() {
        FeedWalk walk = new FeedWalk(null, 100, Duration.ZERO);
        FeedWalk.Result result = walk(walk, feed(99, 10));
        assertThat(result.pages()).isEqualTo(1);
        assertThat(result.mark()).isEqualTo(post(99));
        assertThat(result.oldestRead()).isEqualTo(T.plusSeconds(90));
        assertThat(result.gap()).isEmpty();
    }

    @Test
    void aFeedThatEndsBeforeTheMarkIsComplete() {
        FeedWalk walk = new FeedWalk(post(-100), 100, Duration.ZERO);
        FeedWalk.Result result = walk(walk, feed(25, 10));
        assertThat(result.reachedMark()).isTrue();
        assertThat(result.gap()).isEmpty();
    }

    @Test
    void noNewPostsKeepsTheMark() {
        FeedWalk walk = new FeedWalk(post(99), 100, Duration.ZERO);
        FeedWalk.Result result = walk(walk, feed(99, 10));
        assertThat(result.pages()).isEqualTo(2);
        assertThat(result.mark()).isEqualTo(post(99));
        assertThat(result.newPosts()).isZero();
    }
}
