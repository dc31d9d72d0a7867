package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.source.FetchOutcome;
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
                if (pages.isEmpty()) {
                    return Mono.just(outcome.map(p -> List.of()));
                }
                session.report(outcome);
                return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
            }
            pages.add(ok.value());
            String after = next.apply(ok.value());
            if (after == null || pages.size() >= maxPages || !session.nextCall()) {
                return Mono.just(FetchOutcome.ok(List.copyOf(pages)));
            }
            return walk(page, next, session, after, pages);
        });
    }
}
