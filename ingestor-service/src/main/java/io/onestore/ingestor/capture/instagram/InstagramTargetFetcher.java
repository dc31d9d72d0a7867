package io.onestore.ingestor.capture.instagram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.MalformedAnswers;
import io.onestore.ingestor.capture.PlatformTargetFetcher;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.CoverageUpdate;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.ingestor.targets.ProfilePageWalk;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Captures one Instagram target through the configured adapter, taking accounts from the pool, and hands what the
 * adapter read to the {@link InstagramNormalizer}. When an account is
 * rate-limited, told to wait or walled, the pool is told (cooldown, out of rotation) and the same target is tried on
 * the next account within the same call, until one succeeds or none is left. Transient faults were already retried
 * with backoff by the exchange; they fail the target for this cycle without burning other accounts, since they are
 * the upstream's, not the account's. Never errors: every failure is a {@link CaptureResult.Failed} with a stable
 * outcome label ({@code rate_limited}, {@code please_wait}, {@code login_wall}, {@code transient}, {@code malformed},
 * {@code rejected}, {@code no_account}).
 *
 * <p>Every answer leaves the HTTP client's event loop here, once, whichever adapter read it: what follows (the pool's
 * bookkeeping, the next attempt, normalising with sentiment on every caption) is CPU work that must not stall I/O.
 */
public final class InstagramTargetFetcher implements PlatformTargetFetcher {

    private static final Logger log = LoggerFactory.getLogger(InstagramTargetFetcher.class);

    private final InstagramAdapter adapter;
    private final InstagramNormalizer normalizer;
    private final AccountPool pool;
    private final MalformedAnswers malformedAnswers;

    public InstagramTargetFetcher(
            InstagramAdapter adapter, InstagramNormalizer normalizer, AccountPool pool, ObjectMapper json) {
        this.adapter = adapter;
        this.normalizer = normalizer;
        this.pool = pool;
        this.malformedAnswers = new MalformedAnswers(json);
    }

    @Override
    public Platform platform() {
        return Platform.INSTAGRAM;
    }

    @Override
    public Mono<CaptureResult> fetch(Target target, Instant capturedAt, CoverageOrder order) {
        return adapter.prepare()
                .onErrorResume(e -> Mono.empty())
                .then(Mono.defer(() -> attempt(target, capturedAt, order, new LinkedHashSet<>(), null)))
                .switchIfEmpty(Mono.fromSupplier(() -> failed(target, "transient", "the adapter gave no answer")))
                .onErrorResume(e -> {
                    // A bug, not an upstream answer: the target must still come back as failed, never vanish.
                    log.error("Capture of {} failed unexpectedly", target, e);
                    return Mono.just(failed(
                            target,
                            "transient",
                            "internal error: " + e.getClass().getSimpleName()));
                });
    }

    private Mono<CaptureResult> attempt(
            Target target, Instant capturedAt, CoverageOrder order, Set<String> tried, FetchOutcome<?> last) {
        String quotaKey =
                adapter.hashtagQuota() && target.kind() == TargetDocument.Kind.HASHTAG ? target.value() : null;
        Optional<Account> next = pool.acquire(tried, quotaKey);
        if (next.isEmpty()) {
            String why = pool.whyNone(tried, quotaKey);
            return Mono.just(
                    last == null
                            ? failed(target, "no_account", why)
                            : failed(target, last.label(), last.reason() + "; then " + why));
        }
        Account account = next.get();
        tried.add(account.id());
        // A feed with its own window (Graph) cannot be paged back to an old gap: its gaps are not re-read.
        Walks walks = new Walks(
                order.liveWalk(), adapter.feedWindow().isPresent() ? null : order.gapRefill(), order.backfillWalk());
        PoolSession session = new PoolSession(account, quotaKey);
        return adapter.fetch(target, session, walks)
                .publishOn(Schedulers.parallel())
                .flatMap(outcome -> {
                    session.report(outcome);
                    if (outcome instanceof FetchOutcome.Ok<InstagramPayload> ok) {
                        CaptureBatch batch = normalizer.normalize(target, ok.value(), capturedAt, adapter.source());
                        return Mono.just(new CaptureResult.Captured(
                                batch,
                                target.kind() == TargetDocument.Kind.PROFILE
                                        ? profileCoverage(batch, session.calls(), order)
                                        : coverage(walks, session.calls(), capturedAt, order)));
                    }
                    log.info(
                            "{} via account {}: {} ({})",
                            target,
                            session.account().id(),
                            outcome.label(),
                            outcome.reason());
                    if (outcome instanceof FetchOutcome.RateLimited<?>
                            || outcome instanceof FetchOutcome.PleaseWait<?>
                            || outcome instanceof FetchOutcome.LoginWall<?>) {
                        return attempt(target, capturedAt, order, tried, outcome);
                    }
                    if (outcome instanceof FetchOutcome.Malformed<?> malformed) {
                        return Mono.just(malformedAnswers.failed(
                                target, malformed, capturedAt, Platform.INSTAGRAM, adapter.source()));
                    }
                    return Mono.just(failed(target, outcome.label(), outcome.reason()));
                });
    }

    /**
     * What a profile capture read, for the ledger: the profile page shows the latest posts only and cannot be paged
     * ({@link ProfilePageWalk}). The profile has older posts when its media count exceeds what the page showed, or
     * when the count is unknown.
     */
    private static CoverageUpdate.Capture profileCoverage(CaptureBatch batch, int calls, CoverageOrder order) {
        List<TargetCoverageDocument.Mark> page = batch.posts().stream()
                .filter(post -> post.publishedAt() != null)
                .map(post -> new TargetCoverageDocument.Mark(post.publishedAt(), post.id()))
                .toList();
        Long mediaCount =
                batch.profileSnapshot() == null ? null : batch.profileSnapshot().mediaCount();
        boolean olderPosts = mediaCount == null || mediaCount > page.size();
        return ProfilePageWalk.read(order, page, olderPosts, calls);
    }

    /**
     * What the walks of a hashtag read, for the ledger. Where the endpoint cannot reach back to the mark or the
     * back-fill start, the unreachable range is an {@code api_window} gap; back-fill ends where the endpoint's feed
     * ends.
     */
    private CoverageUpdate.Capture coverage(Walks walks, int calls, Instant capturedAt, CoverageOrder order) {
        FeedWalk.Result live = walks.live().finish();
        if (adapter.feedWindow().isPresent() && live.gap().isPresent()) {
            FeedWalk.Gap gap = live.gap().get();
            live = new FeedWalk.Result(
                    live.mark(),
                    live.oldestRead(),
                    live.pages(),
                    live.newPosts(),
                    live.reachedMark(),
                    Optional.of(new FeedWalk.Gap(gap.from(), gap.to(), gap.reason(), gap.pagesRead())));
        }
        TargetCoverageDocument.Backfill back =
                walks.back() == null ? null : walks.back().state();
        FeedWalk.Gap windowGap = null;
        Optional<Duration> window = adapter.feedWindow();
        if (window.isPresent()) {
            Instant reach = capturedAt.minus(window.get());
            Instant from = order.mark() != null
                    ? order.mark().publishedAt()
                    : order.backfill() != null ? order.backfill().start() : null;
            if (from != null && from.isBefore(reach)) {
                windowGap = new FeedWalk.Gap(from, reach, GapReason.API_WINDOW, 0);
            }
        }
        return new CoverageUpdate.Capture(
                live,
                walks.live().postsRead(),
                back,
                (walks.back() == null ? 0 : walks.back().pages())
                        + (walks.refill() == null ? 0 : walks.refill().pages()),
                calls,
                windowGap,
                false,
                walks.refill() == null ? null : walks.refill().result(capturedAt));
    }

    private static CaptureResult.Failed failed(Target target, String outcome, String reason) {
        return new CaptureResult.Failed(target, outcome, reason, List.of());
    }

    /**
     * The pool-backed session an adapter sees: each page after the first goes through the pool's least recently used
     * account (feed cursors are not tied to an account), so a walk of a busy feed spreads over the pool instead of
     * draining one account, and is bounded by the pool's budget, not one account's. Upstream windows need not line
     * up with the pool's (they open at an account's first call): an account near its limit in both would be rate
     * limited, and spreading keeps every account far from it.
     */
    private final class PoolSession implements AccountSession {
        private final String quotaKey;
        // Calls of one attempt run one after another (a walk pages sequentially): plain fields suffice.
        private Account account;
        private int calls = 1;

        PoolSession(Account account, String quotaKey) {
            this.account = account;
            this.quotaKey = quotaKey;
        }

        int calls() {
            return calls;
        }

        @Override
        public Account account() {
            return account;
        }

        @Override
        public boolean nextCall() {
            // Accounts resting or walled are not offered; none with a call left ends the walk (account_budget).
            Optional<Account> next = pool.acquire(Set.of(), quotaKey);
            if (next.isEmpty()) {
                return false;
            }
            account = next.get();
            calls++;
            return true;
        }

        @Override
        public void report(FetchOutcome<?> outcome) {
            pool.report(account, outcome);
        }
    }
}
