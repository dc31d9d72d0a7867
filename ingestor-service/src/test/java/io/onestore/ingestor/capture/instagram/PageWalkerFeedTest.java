package io.onestore.ingestor.capture.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.targets.BackfillWalk;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
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
        var outcome = new PageWalker(Integer.MAX_VALUE)
                .walkFeed(
                        cursor -> Mono.just(FetchOutcome.ok(page(cursor))),
                        Page::next,
                        Page::posts,
                        session,
                        live,
                        back)
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
}
