package io.onestore.ingestor.capture.x;

import io.onestore.ingestor.account.SpendCeiling;
import io.onestore.ingestor.account.SpendCeiling.Resource;
import io.onestore.ingestor.source.x.XSearchPage;
import io.onestore.ingestor.targets.CoverageLedger;
import io.onestore.ingestor.targets.CoverageUpdate;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cycle's recent search of a hashtag on X, down to its high-water mark. The mark lives in the target's coverage
 * ledger ({@code hashtag:nike@x}); its post id is X's {@code since_id}, so X itself returns only what is newer and the
 * walk reads until the feed ends ({@link FeedWalk} with the ledger's mark). A walk stopped early by the page budget,
 * the spend ceiling or an upstream fault records a gap {@code [mark, oldest read)} with its reason; a first walk reads
 * one page and sets the mark. Retweets are excluded in the query itself ({@code -is:retweet}): they are not posts of
 * their own, and X would bill them.
 *
 * <p>The ledger is written when the walk ends, before the cycle indexes the posts: should the process die in between,
 * the posts of this walk are behind the mark and are not read again (the bulk indexer's spool keeps what it was
 * handed, not what it was not yet handed).
 */
public final class XSearchWalk {

    private static final Logger log = LoggerFactory.getLogger(XSearchWalk.class);
    /** X's smallest {@code max_results}. */
    static final int SMALLEST_PAGE = 10;

    private final CoverageLedger ledger;
    private final SpendCeiling spend;
    private final int maxPages;
    private final int maxResults;

    public XSearchWalk(CoverageLedger ledger, SpendCeiling spend, int maxPages, int maxResults) {
        this.ledger = ledger;
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
     * The pages read, or the failed first call (then nothing else happened and the ledger is unchanged).
     */
    record Walked(List<XSearchPage> pages, XTargetFetcher.Attempt<?> failure) {}

    /** The ledger could not be read: without the mark, a walk would re-buy what was read. */
    static final class LedgerUnavailable extends Exception {
        LedgerUnavailable(IOException cause) {
            super(cause.getClass().getSimpleName(), cause);
        }
    }

    Walked walk(
            Target target,
            Instant capturedAt,
            Function<PageRequest, XTargetFetcher.Attempt<XSearchPage>> search,
            IntSupplier calls)
            throws LedgerUnavailable {
        String ledgerId = DocumentIds.targetCoverage(target.id(), Platform.X);
        TargetCoverageDocument previous;
        try {
            previous = ledger.read(List.of(ledgerId)).get(ledgerId);
        } catch (IOException e) {
            throw new LedgerUnavailable(e);
        }
        Mark mark = previous == null ? null : previous.highWaterMark();
        String sinceId = mark == null ? null : mark.postId();
        FeedWalk walk = new FeedWalk(mark, maxPages, Duration.ZERO);
        List<XSearchPage> pages = new ArrayList<>();
        GapReason stoppedBy = null;
        String next = null;
        int postsRead = 0;
        boolean more = true;
        while (more) {
            long allowed = Math.min(spend.postsAllowed(target.id()), spend.usersAllowed(target.id()));
            if (allowed < SMALLEST_PAGE) {
                stoppedBy = GapReason.ACCOUNT_BUDGET;
                break;
            }
            int size = (int) Math.min(maxResults, allowed);
            XTargetFetcher.Attempt<XSearchPage> answer =
                    search.apply(new PageRequest(query(target), sinceId, next, size));
            if (!answer.ok()) {
                if (pages.isEmpty()) {
                    return new Walked(List.of(), answer);
                }
                stoppedBy = answer.noToken() ? GapReason.ACCOUNT_BUDGET : GapReason.UPSTREAM_FAILURE;
                break;
            }
            XSearchPage page = answer.value();
            spend.record(target.id(), Resource.POSTS, page.resultCount());
            spend.record(target.id(), Resource.USERS, page.users().size());
            pages.add(page);
            postsRead += page.tweets().size();
            next = page.nextToken();
            more = walk.accept(marks(page), next != null);
        }
        FeedWalk.Result result = walk.pages() == 0 ? unread(mark, capturedAt) : walk.finish(stoppedBy);
        record(previous, target, result, postsRead, calls.getAsInt(), capturedAt);
        return new Walked(pages, null);
    }

    /** No page could be bought: the range from the mark to now is unread for want of budget. */
    private static FeedWalk.Result unread(Mark mark, Instant capturedAt) {
        Optional<FeedWalk.Gap> gap = mark == null
                ? Optional.empty()
                : Optional.of(new FeedWalk.Gap(mark.publishedAt(), capturedAt, GapReason.ACCOUNT_BUDGET, 0));
        return new FeedWalk.Result(mark, null, 0, 0, false, gap);
    }

    private void record(
            TargetCoverageDocument previous,
            Target target,
            FeedWalk.Result result,
            int postsRead,
            int calls,
            Instant capturedAt) {
        CoverageUpdate.Outcome outcome = CoverageUpdate.apply(
                previous,
                target.id(),
                target.kind(),
                target.value(),
                Platform.X,
                new CoverageUpdate.Capture(result, postsRead, null, 0, calls, null, false),
                capturedAt);
        try {
            ledger.write(List.of(outcome.ledger()), outcome.gaps());
        } catch (IOException e) {
            // The mark stays where it was: the next cycle reads these posts again, and indexing them twice is one
            // write.
            log.warn(
                    "{}: coverage ledger not written ({}); the next walk starts from the old mark",
                    target,
                    e.toString());
        }
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
