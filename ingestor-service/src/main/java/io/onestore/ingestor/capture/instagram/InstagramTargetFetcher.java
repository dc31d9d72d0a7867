package io.onestore.ingestor.capture.instagram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.account.AccountPool;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.MalformedAnswers;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
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
public final class InstagramTargetFetcher implements TargetFetcher {

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
    public Mono<CaptureResult> fetch(Target target, Instant capturedAt) {
        return adapter.prepare()
                .onErrorResume(e -> Mono.empty())
                .then(Mono.defer(() -> attempt(target, capturedAt, new LinkedHashSet<>(), null)))
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

    private Mono<CaptureResult> attempt(Target target, Instant capturedAt, Set<String> tried, FetchOutcome<?> last) {
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
        return adapter.fetch(target, new PoolSession(account))
                .publishOn(Schedulers.parallel())
                .flatMap(outcome -> {
                    pool.report(account, outcome);
                    if (outcome instanceof FetchOutcome.Ok<InstagramPayload> ok) {
                        return Mono.just(new CaptureResult.Captured(
                                normalizer.normalize(target, ok.value(), capturedAt, adapter.source())));
                    }
                    log.info("{} via account {}: {} ({})", target, account.id(), outcome.label(), outcome.reason());
                    if (outcome instanceof FetchOutcome.RateLimited<?>
                            || outcome instanceof FetchOutcome.PleaseWait<?>
                            || outcome instanceof FetchOutcome.LoginWall<?>) {
                        return attempt(target, capturedAt, tried, outcome);
                    }
                    if (outcome instanceof FetchOutcome.Malformed<?> malformed) {
                        return Mono.just(malformedAnswers.failed(
                                target, malformed, capturedAt, Platform.INSTAGRAM, adapter.source()));
                    }
                    return Mono.just(failed(target, outcome.label(), outcome.reason()));
                });
    }

    private static CaptureResult.Failed failed(Target target, String outcome, String reason) {
        return new CaptureResult.Failed(target, outcome, reason, List.of());
    }

    /** The pool-backed session an adapter sees: more budget for the next page, reports for later pages. */
    private final class PoolSession implements AccountSession {
        private final Account account;

        PoolSession(Account account) {
            this.account = account;
        }

        @Override
        public Account account() {
            return account;
        }

        @Override
        public boolean nextCall() {
            return pool.spendCall(account);
        }

        @Override
        public void report(FetchOutcome<?> outcome) {
            pool.report(account, outcome);
        }
    }
}
