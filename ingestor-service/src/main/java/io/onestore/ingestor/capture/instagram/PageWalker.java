package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.targets.BackfillWalk;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.ingestor.targets.GapRefill;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Follows an endpoint's cursor for at most {@code maxPages} pages per target per cycle, each page after the first
 * paid from the account's budget. A failure on a later page keeps the pages already read (they are good data) and
 * reports the failure so the account still cools down; only a failed first page fails the fetch.
 */
public final class PageWalker {

    private final int maxPages;

    public PageWalker(int maxPages) {
        this.maxPages = maxPages;
    }

    /**
     * @param page fetches the page at a cursor (null: the first page)
     * @param next the cursor after a page; null on the last page
     */
    public <P> Mono<FetchOutcome<List<P>>> walk(
            Function<String, Mono<FetchOutcome<P>>> page, Function<P, String> next, AccountSession session) {
        return walk(page, next, session, null, new ArrayList<>());
    }

    /** Like {@link #walk}, when the account's first permit went to an earlier call: the first page costs one too. */
    public <P> Mono<FetchOutcome<List<P>>> walkPaid(
            Function<String, Mono<FetchOutcome<P>>> page, Function<P, String> next, AccountSession session) {
        return Mono.defer(() -> session.nextCall()
                ? walk(page, next, session, null, new ArrayList<>())
                : Mono.just(FetchOutcome.ok(List.of())));
    }

    private <P> Mono<FetchOutcome<List<P>>> walk(
            Function<String, Mono<FetchOutcome<P>>> page,
            Function<P, String> next,
            AccountSession session,
            String cursor,
            List<P> pages) {
        return page.apply(cursor).flatMap(outcome -> {
            if (!(outcome instanceof FetchOutcome.Ok<P> ok)) {
                return failedPage(outcome, pages, session);
            }
            pages.add(ok.value());
            String after = next.apply(ok.value());
            if (after == null || pages.size() >= maxPages || !session.nextCall()) {
                return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
            }
            return walk(page, next, session, after, pages);
        });
    }

    /**
     * Walks a feed newest first to the target's high-water mark ({@code live} decides when to stop), then spends
     * {@code back}'s pages on back-fill from its stored cursor (or from where the live walk stopped, the first time).
     * Every page after the first is paid from the account's budget; a budget that runs out or a page that fails stops
     * the walk with that reason, and the pages read stand. Only a failed first page fails the fetch.
     *
     * @param posts the positions (time, id) of a page's posts, in feed order
     * @param back null when the target has nothing to back-fill
     */
    public <P> Mono<FetchOutcome<List<P>>> walkFeed(
            Function<String, Mono<FetchOutcome<P>>> page,
            Function<P, String> next,
            Function<P, List<Mark>> posts,
            AccountSession session,
            FeedWalk live,
            BackfillWalk back) {
        return walkFeed(page, next, posts, session, new Walks(live, back));
    }

    /**
     * Like {@link #walkFeed(Function, Function, Function, AccountSession, FeedWalk, BackfillWalk)}, and between the
     * live walk and back-fill re-reads the open gap of {@code walks.refill()} from its cursor, out of back-fill's pages:
     * a hole inside the covered range matters more than history before it.
     */
    public <P> Mono<FetchOutcome<List<P>>> walkFeed(
            Function<String, Mono<FetchOutcome<P>>> page,
            Function<P, String> next,
            Function<P, List<Mark>> posts,
            AccountSession session,
            Walks walks) {
        return live(page, next, posts, session, walks, null, new ArrayList<>());
    }

    private <P> Mono<FetchOutcome<List<P>>> live(
            Function<String, Mono<FetchOutcome<P>>> page,
            Function<P, String> next,
            Function<P, List<Mark>> posts,
            AccountSession session,
            Walks walks,
            String cursor,
            List<P> pages) {
        FeedWalk live = walks.live();
        return page.apply(cursor).flatMap(outcome -> {
            if (!(outcome instanceof FetchOutcome.Ok<P> ok)) {
                if (!pages.isEmpty()) {
                    live.stop(GapReason.UPSTREAM_FAILURE);
                }
                return failedPage(outcome, pages, session);
            }
            pages.add(ok.value());
            String after = next.apply(ok.value());
            if (live.accept(posts.apply(ok.value()), after)) {
                if (!session.nextCall()) {
                    live.stop(GapReason.ACCOUNT_BUDGET);
                    return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
                }
                return live(page, next, posts, session, walks, after, pages);
            }
            return refill(page, next, posts, session, walks.refill(), pages).then(Mono.defer(() -> {
                BackfillWalk back = walks.back();
                if (back == null) {
                    return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
                }
                if (walks.refill() != null) {
                    back.shareBudget(walks.refill().pages());
                }
                if (!back.wanted()) {
                    return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
                }
                if (after == null) {
                    back.feedEnded(live.finish().oldestRead());
                    return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
                }
                return backfill(page, next, posts, session, back, back.cursor(after), pages);
            }));
        });
    }

    /** Re-reads an open gap from its cursor; a page that fails ends the re-read (the account hears of it). */
    private <P> Mono<Void> refill(
            Function<String, Mono<FetchOutcome<P>>> page,
            Function<P, String> next,
            Function<P, List<Mark>> posts,
            AccountSession session,
            GapRefill refill,
            List<P> pages) {
        if (refill == null || !refill.wanted() || !session.nextCall()) {
            return Mono.empty();
        }
        return page.apply(refill.cursor()).flatMap(outcome -> {
            if (!(outcome instanceof FetchOutcome.Ok<P> ok)) {
                session.report(outcome);
                return Mono.empty();
            }
            pages.add(ok.value());
            if (refill.accept(posts.apply(ok.value()), next.apply(ok.value()))) {
                return refill(page, next, posts, session, refill, pages);
            }
            return Mono.empty();
        });
    }

    private <P> Mono<FetchOutcome<List<P>>> backfill(
            Function<String, Mono<FetchOutcome<P>>> page,
            Function<P, String> next,
            Function<P, List<Mark>> posts,
            AccountSession session,
            BackfillWalk back,
            String cursor,
            List<P> pages) {
        if (cursor == null || !session.nextCall()) {
            return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
        }
        return page.apply(cursor).flatMap(outcome -> {
            if (!(outcome instanceof FetchOutcome.Ok<P> ok)) {
                session.report(outcome);
                return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
            }
            pages.add(ok.value());
            String after = next.apply(ok.value());
            if (back.accept(posts.apply(ok.value()), after)) {
                return backfill(page, next, posts, session, back, after, pages);
            }
            return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
        });
    }

    /**
     * A page that failed: on the first page the fetch fails with its outcome; on a later one the pages read stand (they
     * are good data) and the account hears of the failure, so a rate limit on page 3 still rests it.
     */
    private static <P> Mono<FetchOutcome<List<P>>> failedPage(
            FetchOutcome<P> outcome, List<P> pages, AccountSession session) {
        if (pages.isEmpty()) {
            return Mono.just(outcome.map(p -> List.of()));
        }
        session.report(outcome);
        return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
    }
}
