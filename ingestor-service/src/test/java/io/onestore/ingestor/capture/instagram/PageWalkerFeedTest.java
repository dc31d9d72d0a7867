package io.onestore.ingestor.capture.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.targets.BackfillWalk;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.ingestor.targets.GapRefill;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The walk over a scripted feed of 10 pages of 10 posts, one a second, newest first (T+99 … T+0). */
class PageWalkerFeedTest {

    static final Instant T = Instant.parse("2026-11-30T12:00:00Z");

    record Page(List<Mark> posts, String next) {}

    static Page page(String cursor) {
        int index = cursor == null ? 0 : Integer.parseInt(cursor);
        List<Mark> posts = new ArrayList<>();
        for (int s = 99 - index * 10; s > 89 - index * 10; s--) {
            posts.add(new Mark(T.plusSeconds(s), "p" + s));
        }
        return new Page(posts, index < 9 ? String.valueOf(index + 1) : null);
    }

    static final class Budget implements AccountSession {
        final AtomicInteger left;

        Budget(int calls) {
            left = new AtomicInteger(calls);
        }

        @Override
        public Account account() {
            return null;
        }

        @Override
        public boolean nextCall() {
            return left.getAndDecrement() > 0;
        }

        @Override
        public void report(FetchOutcome<?> outcome) {}
    }

    static List<Page> walk(FeedWalk live, BackfillWalk back, AccountSession session) {
        return walk(new Walks(live, back), session);
    }

    static List<Page> walk(Walks walks, AccountSession session) {
        var outcome = new PageWalker(Integer.MAX_VALUE)
                .walkFeed(cursor -> Mono.just(FetchOutcome.ok(page(cursor))), Page::next, Page::posts, session, walks)
                .block();
        return ((FetchOutcome.Ok<List<Page>>) outcome).value();
    }

    @Test
    void aFirstWalkReadsOnePageThenBackFillsFromItsCursor() {
        FeedWalk live = new FeedWalk(null, 100, Duration.ZERO);
        BackfillWalk back = new BackfillWalk(new Backfill(T.plusSeconds(45), null, null, false, 0), 20);
        List<Page> pages = walk(live, back, new Budget(100));
        // Page 1 live, then back-fill down to a post at or before T+45: pages 2..6.
        assertThat(pages).hasSize(6);
        assertThat(back.state().done()).isTrue();
        assertThat(back.state().reached()).isEqualTo(T.plusSeconds(40));
    }

    @Test
    void anAccountOutOfCallsStopsTheLiveWalkWithItsReason() {
        FeedWalk live = new FeedWalk(new Mark(T, "p0"), 100, Duration.ZERO);
        List<Page> pages = walk(live, null, new Budget(2));
        assertThat(pages).hasSize(3);
        assertThat(live.finish().gap()).hasValueSatisfying(gap -> {
            assertThat(gap.reason()).isEqualTo(GapReason.ACCOUNT_BUDGET);
            assertThat(gap.to()).isEqualTo(T.plusSeconds(70));
        });
    }

    @Test
    void aLiveWalkShortOfTheMarkLeavesAGapWithTheCursorOfThePageAfterIt() {
        FeedWalk live = new FeedWalk(new Mark(T, "p0"), 3, Duration.ZERO);
        walk(live, null, new Budget(100));
        assertThat(live.finish().gap()).hasValueSatisfying(gap -> {
            assertThat(gap.reason()).isEqualTo(GapReason.PAGE_BUDGET);
            assertThat(gap.to()).isEqualTo(T.plusSeconds(70));
            assertThat(gap.cursor()).as("page 4 holds T+69 and older").isEqualTo("3");
        });
    }

    @Test
    void anOpenGapIsReReadFromItsCursorBeforeBackFillWhichGetsThePagesLeft() {
        // The mark is T+95: the live walk reads pages 1 and 2. The gap [T+40, T+70) resumes at page 4 (T+69 …).
        FeedWalk live = new FeedWalk(new Mark(T.plusSeconds(95), "p95"), 100, Duration.ZERO);
        CoverageGapDocument gap = new CoverageGapDocument(
                "hashtag:nike",
                TargetDocument.Kind.HASHTAG,
                "nike",
                Platform.INSTAGRAM,
                T.plusSeconds(40),
                T.plusSeconds(70),
                GapReason.UPSTREAM_FAILURE,
                CoverageGapDocument.Status.OPEN,
                T,
                null,
                null,
                null,
                null,
                "3");
        GapRefill refill = new GapRefill(gap, 5);
        BackfillWalk back = new BackfillWalk(new Backfill(T, null, "8", false, 0), 5);

        List<Page> pages = walk(new Walks(live, refill, back), new Budget(100));

        // Live: pages 1, 2; re-read: pages 4, 5, 6 (T+40 on it), 7 (one more); back-fill: page 9, the one page left.
        assertThat(pages)
                .extracting(p -> p.posts().get(0).publishedAt())
                .containsExactly(
                        T.plusSeconds(99),
                        T.plusSeconds(89),
                        T.plusSeconds(69),
                        T.plusSeconds(59),
                        T.plusSeconds(49),
                        T.plusSeconds(39),
                        T.plusSeconds(19));
        assertThat(refill.pages()).isEqualTo(4);
        assertThat(refill.result(T).status()).isEqualTo(CoverageGapDocument.Status.FILLED);
        assertThat(back.pages()).isEqualTo(1);
    }
}
