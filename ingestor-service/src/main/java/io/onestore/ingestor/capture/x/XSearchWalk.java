package io.onestore.ingestor.capture.x;

import io.onestore.ingestor.account.SpendCeiling;
import io.onestore.ingestor.source.x.XSearchPage;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.CoverageUpdate;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * One cycle's recent search of a hashtag on X, down to its high-water mark. The mark comes with the cycle's
 * {@link CoverageOrder} from the target's coverage ledger ({@code hashtag:nike@x}); its post id is X's
 * {@code since_id}, so X itself returns only what is newer and the walk reads until the feed ends ({@link FeedWalk}).
 * A walk stopped early by the page budget, the spend ceiling or an upstream fault leaves a gap {@code [mark, oldest
 * read)} with its reason; a first walk reads one page and sets the mark. Retweets are excluded in the query itself
 * ({@code -is:retweet}): they are not posts of their own, and X would bill them.
 *
 * <p>The walk writes nothing: it returns what it read as a {@link CoverageUpdate.Capture}, and the cycle records the
 * new mark only after the posts were handed to the indexer. A capture abandoned at the cycle's timeout therefore
 * leaves the mark where it was, and the next cycle reads those posts again.
 */
public final class XSearchWalk {

    /** X's smallest {@code max_results}. */
    static final int SMALLEST_PAGE = 10;
    /** How far back recent search reaches: a mark older than this leaves an {@code api_window} gap. */
    static final Duration RECENT_SEARCH_WINDOW = Duration.ofDays(7);

    private final SpendCeiling spend;
    private final int maxPages;
    private final int maxResults;

    public XSearchWalk(SpendCeiling spend, int maxPages, int maxResults) {
        this.spend = spend;
        this.maxPages = maxPages;
        this.maxResults = maxResults;
    }

    /** The search query of a hashtag target: the tag, retweets excluded. */
    static String query(Target target) {
        return "#" + target.value() + " -is:retweet";
    }

    /** One search page to request. */
    record PageRequest(String query, String sinceId, String nextToken, int maxResults) {}

    /**
     * The pages read and what they cover for the ledger, or the failed first call (then nothing was read and the
     * coverage is null).
     */
    record Walked(List<XSearchPage> pages, CoverageUpdate.Capture coverage, XTargetFetcher.Attempt<?> failure) {}

    /**
     * @param order the ledger's mark and page budget; the smaller of its budget and {@code max-pages} applies
     * @param calls the capture's billed calls so far, for the ledger's {@code calls_spent}
     */
    Walked walk(
            Target target,
            Instant capturedAt,
            CoverageOrder order,
            Function<PageRequest, XTargetFetcher.Attempt<XSearchPage>> search,
            IntSupplier calls) {
        Mark mark = order.mark();
        String sinceId = mark == null ? null : mark.postId();
        FeedWalk walk = new FeedWalk(mark, Math.max(1, Math.min(order.pageBudget(), maxPages)), Duration.ZERO);
        List<XSearchPage> pages = new ArrayList<>();
        GapReason stoppedBy = null;
        String next = null;
        boolean more = true;
        while (more) {
            SpendCeiling.Reservation held = spend.reservePage(target.id(), maxResults);
            if (held.posts() < SMALLEST_PAGE) {
                spend.settle(held, 0, 0);
                stoppedBy = GapReason.ACCOUNT_BUDGET;
                break;
            }
            XTargetFetcher.Attempt<XSearchPage> answer;
            try {
                answer = search.apply(new PageRequest(query(target), sinceId, next, (int) held.posts()));
            } catch (RuntimeException e) {
                spend.settle(held, 0, 0);
                throw e;
            }
            if (!answer.ok()) {
                spend.settle(held, 0, 0);
                if (pages.isEmpty()) {
                    return new Walked(List.of(), null, answer);
                }
                stoppedBy = answer.noToken() ? GapReason.ACCOUNT_BUDGET : GapReason.UPSTREAM_FAILURE;
                break;
            }
            XSearchPage page = answer.value();
            spend.settle(held, page.resultCount(), page.users().size());
            pages.add(page);
            next = page.nextToken();
            more = walk.accept(marks(page), next != null);
        }
        FeedWalk.Result result = walk.pages() == 0 ? unread(mark, capturedAt) : walk.finish(stoppedBy);
        return new Walked(
                pages,
                new CoverageUpdate.Capture(
                        result, walk.postsRead(), null, 0, calls.getAsInt(), windowGap(mark, capturedAt), false),
                null);
    }

    /** No page could be bought: the range from the mark to now is unread for want of budget. */
    private static FeedWalk.Result unread(Mark mark, Instant capturedAt) {
        Optional<FeedWalk.Gap> gap = mark == null
                ? Optional.empty()
                : Optional.of(new FeedWalk.Gap(mark.publishedAt(), capturedAt, GapReason.ACCOUNT_BUDGET, 0));
        return new FeedWalk.Result(mark, null, 0, 0, false, gap);
    }

    /** A mark older than recent search reaches: X cannot serve the range between it and the window's start. */
    private static FeedWalk.Gap windowGap(Mark mark, Instant capturedAt) {
        Instant reach = capturedAt.minus(RECENT_SEARCH_WINDOW);
        return mark != null && mark.publishedAt().isBefore(reach)
                ? new FeedWalk.Gap(mark.publishedAt(), reach, GapReason.API_WINDOW, 0)
                : null;
    }

    /** Each tweet's time and id, in feed order; a tweet without a readable time cannot move the mark. */
    private static List<Mark> marks(XSearchPage page) {
        List<Mark> marks = new ArrayList<>();
        page.tweets().forEach(tweet -> {
            try {
                marks.add(new Mark(
                        Instant.parse(tweet.path("created_at").asText()),
                        tweet.path("id").asText()));
            } catch (DateTimeParseException unreadable) {
                // Normalising sends it to the dead letters; the mark moves on the others.
            }
        });
        return marks;
    }
}
