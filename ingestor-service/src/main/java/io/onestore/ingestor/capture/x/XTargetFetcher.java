package io.onestore.ingestor.capture.x;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.account.SharedSpend;
import io.onestore.ingestor.account.SpendCeiling;
import io.onestore.ingestor.account.SpendCeiling.Resource;
import io.onestore.ingestor.account.XAccounts;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.MalformedAnswers;
import io.onestore.ingestor.capture.PlatformTargetFetcher;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.x.XAnswer;
import io.onestore.ingestor.source.x.XClient;
import io.onestore.ingestor.source.x.XCounts;
import io.onestore.ingestor.source.x.XSearchPage;
import io.onestore.ingestor.source.x.XUser;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Captures one X target. A hashtag: its hourly counts of the last 7 days first (its volume series), then
 * recent search newest first from the target's {@code since_id} (its high-water mark in the coverage ledger, handed
 * in with the cycle's {@link CoverageOrder}, see {@link XSearchWalk}), page by page while the page budget and the
 * spend ceiling last. The walk goes back in {@link CaptureResult.Captured#coverage()}: the cycle moves the mark only
 * once the posts are with the indexer. A profile: the user by
 * username. Every billed call goes to the pool's next token; a 429 rests the token until {@code x-rate-limit-reset}
 * (so does a 200 whose {@code x-rate-limit-remaining} is 0), a 402, a usage cap or a refused token takes it out of
 * rotation, and the next token tries the same call. Never errors: every failure is a {@link CaptureResult.Failed}
 * and the target stays due.
 *
 * <p>The capture runs on a worker thread and waits for each answer: its calls are sequential by nature (each page
 * needs the previous page's cursor).
 */
public final class XTargetFetcher implements PlatformTargetFetcher {

    private static final Logger log = LoggerFactory.getLogger(XTargetFetcher.class);

    /**
     * Counts pages read per capture at most. Seven days of hours fit in one page today; the bound keeps a cursor
     * that never ends from buying requests until the day's allowance is gone.
     */
    static final int MAX_COUNT_PAGES = 8;

    private final XClient client;
    private final AccountPool pool;
    private final SpendCeiling spend;
    private final SharedSpend<SpendCeiling.DaySpend> shared;
    private final XSearchWalk walks;
    private final XNormalizer normalizer;
    private final MalformedAnswers malformedAnswers;
    private final Clock clock;

    public XTargetFetcher(
            XClient client,
            XAccounts accounts,
            SharedSpend<SpendCeiling.DaySpend> shared,
            XSearchWalk walks,
            XNormalizer normalizer,
            ObjectMapper json,
            Clock clock) {
        this.client = client;
        this.pool = accounts.pool();
        this.spend = accounts.spend();
        this.shared = shared;
        this.walks = walks;
        this.normalizer = normalizer;
        this.malformedAnswers = new MalformedAnswers(json);
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.X;
    }

    @Override
    public Mono<CaptureResult> fetch(Target target, Instant capturedAt, CoverageOrder order) {
        return Mono.fromCallable(() -> capture(target, capturedAt, order))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> {
                    // A bug, not an upstream answer: the target must still come back as failed, never vanish.
                    log.error("Capture of {} failed unexpectedly", target, e);
                    return Mono.just(failed(
                            target,
                            "transient",
                            "internal error: " + e.getClass().getSimpleName()));
                });
    }

    /**
     * Between reading the target's spend of the day as every process published it and publishing this capture's: the
     * target's lease keeps other processes out meanwhile, so the per-target ceiling holds across replicas. Without the
     * stored spend nothing is bought (the target stays due): this process alone cannot know what another bought.
     */
    private CaptureResult capture(Target target, Instant capturedAt, CoverageOrder order) {
        try {
            spend.adopt(shared.today(target.id()));
        } catch (IOException | RuntimeException e) {
            log.info(
                    "{}: today's X spend not readable ({}), nothing bought",
                    target,
                    e.getClass().getSimpleName());
            return failed(target, "transient", "today's X spend of " + target + " could not be read");
        }
        try {
            return target.kind() == TargetDocument.Kind.PROFILE
                    ? profile(target, capturedAt)
                    : tag(target, capturedAt, order);
        } finally {
            try {
                shared.publish(target.id());
            } catch (IOException | RuntimeException e) {
                // The periodic write tries again; until then another replica may see less than was bought.
                log.warn(
                        "{}: X spend not published ({}), written later",
                        target,
                        e.getClass().getSimpleName());
            }
        }
    }

    private CaptureResult tag(Target target, Instant capturedAt, CoverageOrder order) {
        Calls calls = new Calls();
        XCounts counts = counts(target, calls);
        XSearchWalk.Walked walked = walks.walk(target, capturedAt, order, calls::search, calls::count);
        if (walked.failure() != null) {
            return failure(target, walked.failure(), capturedAt);
        }
        if (counts == null && walked.pages().isEmpty()) {
            return failed(target, "spend_ceiling", "today's X spend ceiling leaves nothing to read for " + target);
        }
        return new CaptureResult.Captured(
                normalizer.normalize(target, new XPayload.Tag(counts, walked.pages()), capturedAt), walked.coverage());
    }

    /**
     * The tag's hourly counts, page after page while X sends a {@code next_token} (each page a billed request,
     * reserved before it is sent), at most {@link #MAX_COUNT_PAGES} pages. Null when not even the first page was read; a
     * merged answer whose {@code nextToken} is left when the pages or the allowance ran out ({@link XCounts#whole()}
     * false: its buckets are true, its total is not the 7 days').
     */
    private XCounts counts(Target target, Calls calls) {
        XCounts read = null;
        for (int page = 0; page < MAX_COUNT_PAGES && (read == null || !read.whole()); page++) {
            if (!spend.reserveCount()) {
                log.info("{}: today's counts allowance is spent, counts {}", target, read == null ? "not read" : "cut");
                break;
            }
            String next = read == null ? null : read.nextToken();
            Attempt<XCounts> answer = null;
            try {
                answer = calls.call(t -> client.countsRecent(XSearchWalk.query(target), next, t));
            } finally {
                // Only an answered request is billed; a failed one hands its reservation back.
                spend.settleCount(target.id(), answer != null && answer.ok());
            }
            if (!answer.ok()) {
                log.info("{}: counts not read ({}), searching without them", target, answer.why());
                break;
            }
            read = read == null ? answer.value() : read.then(answer.value());
        }
        return read;
    }

    private CaptureResult profile(Target target, Instant capturedAt) {
        SpendCeiling.Reservation held = spend.reserveUser(target.id());
        if (held.users() < 1) {
            spend.settle(held, 0, 0);
            return failed(target, "spend_ceiling", "today's X spend ceiling leaves no user read for " + target);
        }
        Attempt<XUser> answer;
        try {
            answer = new Calls().call(t -> client.userByUsername(target.value(), t));
        } finally {
            // Settled before the answer is looked at: a failed read is not billed, a read user is.
            spend.settle(held, 0, 0);
        }
        if (!answer.ok()) {
            return failure(target, answer, capturedAt);
        }
        spend.record(target.id(), Resource.USERS, 1);
        return new CaptureResult.Captured(
                normalizer.normalize(target, new XPayload.Profile(answer.value()), capturedAt));
    }

    private CaptureResult failure(Target target, Attempt<?> attempt, Instant capturedAt) {
        if (attempt.outcome() instanceof FetchOutcome.Malformed<?> malformed) {
            return malformedAnswers.failed(target, malformed, capturedAt, Platform.X, XClient.SOURCE);
        }
        String label =
                attempt.outcome() == null ? "no_account" : attempt.outcome().label();
        return failed(target, label, attempt.why());
    }

    private static CaptureResult.Failed failed(Target target, String outcome, String reason) {
        return new CaptureResult.Failed(target, outcome, reason, List.of());
    }

    /**
     * What one billed call came to: the value, or the last outcome (null when no token was left to try) and why.
     */
    record Attempt<P>(P value, FetchOutcome<?> outcome, String why) {
        boolean ok() {
            return outcome instanceof FetchOutcome.Ok<?>;
        }

        /** The call failed for want of a token (all resting, walled or out of credit), not by an upstream fault. */
        boolean noToken() {
            return outcome == null
                    || outcome instanceof FetchOutcome.RateLimited<?>
                    || outcome instanceof FetchOutcome.OutOfCredit<?>
                    || outcome instanceof FetchOutcome.LoginWall<?>;
        }
    }

    /** The calls of one capture, each on the pool's next token, counted for the ledger's {@code calls_spent}. */
    private final class Calls {
        int made;

        int count() {
            return made;
        }

        Attempt<XSearchPage> search(XSearchWalk.PageRequest request) {
            return call(t -> client.searchRecent(
                    request.query(), request.sinceId(), request.nextToken(), request.maxResults(), t));
        }

        <P> Attempt<P> call(Function<Account, Mono<FetchOutcome<XAnswer<P>>>> request) {
            Set<String> tried = new HashSet<>();
            FetchOutcome<XAnswer<P>> last = null;
            while (true) {
                Optional<Account> next = pool.acquire(tried, null);
                if (next.isEmpty()) {
                    String why = pool.whyNone(tried, null);
                    return new Attempt<>(null, last, last == null ? why : last.reason() + "; then " + why);
                }
                Account token = next.get();
                tried.add(token.id());
                made++;
                FetchOutcome<XAnswer<P>> outcome = request.apply(token).block();
                if (outcome == null) {
                    outcome = new FetchOutcome.Transient<>("no answer");
                }
                pool.report(token, outcome);
                if (outcome instanceof FetchOutcome.Ok<XAnswer<P>> ok) {
                    restIfSpent(token, ok.value());
                    return new Attempt<>(ok.value().body(), ok, "ok");
                }
                log.info("X call via token {}: {} ({})", token.id(), outcome.label(), outcome.reason());
                last = outcome;
                if (!(outcome instanceof FetchOutcome.RateLimited<?>
                        || outcome instanceof FetchOutcome.OutOfCredit<?>
                        || outcome instanceof FetchOutcome.LoginWall<?>)) {
                    return new Attempt<>(null, outcome, outcome.reason());
                }
            }
        }

        /** The headers' budget: a window with nothing left rests the token until its reset, before a 429 does. */
        private void restIfSpent(Account token, XAnswer<?> answer) {
            if (answer.rateLimit().spent() && answer.rateLimit().reset() != null) {
                Duration rest =
                        Duration.between(clock.instant(), answer.rateLimit().reset());
                pool.report(
                        token,
                        new FetchOutcome.RateLimited<>(
                                rest.isNegative() ? Duration.ofSeconds(1) : rest.plusSeconds(1),
                                "x-rate-limit-remaining is 0"));
            }
        }
    }
}
