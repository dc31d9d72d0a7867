package io.onestore.ingestor.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.normalize.CaptureAssembler;
import io.onestore.ingestor.targets.CaptureCapacity;
import io.onestore.ingestor.targets.CoverageBook;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.LeasedTarget;
import io.onestore.ingestor.targets.Target;
import io.onestore.ingestor.targets.TargetLeases.Completion;
import io.onestore.model.document.DeadLetterDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fetches one page of leased targets with bounded concurrency and hands every capture (and the dead letters of every
 * failure) to the indexer. A fetch that found no account on a platform the cycle paces by {@link CaptureCapacity}
 * was not started, not failed: the pool ran dry within the page (a capture read more pages than the one call it was
 * counted for), and the target waits for the next cycle without an outcome.
 */
final class PageFetch {

    private static final Logger log = LoggerFactory.getLogger(PageFetch.class);
    static final String NO_ACCOUNT = "no_account";

    private final BulkIndexer indexer;
    private final int concurrency;
    private final Duration timeout;
    private final MeterRegistry registry;
    private final CaptureCapacity capacity;

    PageFetch(
            BulkIndexer indexer, int concurrency, Duration timeout, MeterRegistry registry, CaptureCapacity capacity) {
        this.indexer = indexer;
        this.concurrency = concurrency;
        this.timeout = timeout;
        this.registry = registry;
        this.capacity = capacity;
    }

    /**
     * Fetches every leased target, at most {@code concurrency} at once, and hands each result to the indexer on a
     * worker thread (results may arrive on an HTTP event loop, and indexing blocks). A fetch still running at the
     * timeout is abandoned: its lease runs out and the target is fetched again, by whichever replica.
     */
    List<Fetched> fetchAll(TargetFetcher fetch, List<LeasedTarget> leased, Instant start, CoverageBook.Orders orders) {
        List<Fetched> done = Collections.synchronizedList(new ArrayList<>());
        try {
            Flux.fromIterable(leased)
                    .flatMap(
                            target -> Flux.fromIterable(target.targets())
                                    .concatMap(t -> fetchOne(
                                            fetch, t, start, orders == null ? CoverageOrder.firstPage() : orders.of(t)))
                                    .collectList()
                                    .map(results -> fetched(target, results)),
                            concurrency)
                    .publishOn(Schedulers.boundedElastic())
                    .doOnNext(fetched -> {
                        fetched.results().forEach(this::hand);
                        done.add(fetched);
                    })
                    .then()
                    .block(timeout);
        } catch (RuntimeException e) {
            log.warn("Cycle stopped waiting for fetches after {}: {}", timeout, e.toString());
        }
        synchronized (done) {
            return List.copyOf(done);
        }
    }

    private Mono<CaptureResult> fetchOne(TargetFetcher fetch, Target target, Instant start, CoverageOrder order) {
        // The contract says a fetcher never errors; a bug in one must still not drop the target.
        return Mono.defer(() -> fetch.fetch(target, start, order))
                .onErrorResume(e -> Mono.just(new CaptureResult.Failed(target, "error", e.toString(), List.of())))
                .switchIfEmpty(Mono.fromSupplier(
                        () -> new CaptureResult.Failed(target, "error", "fetcher returned nothing", List.of())));
    }

    private Fetched fetched(LeasedTarget target, List<CaptureResult> results) {
        List<CaptureResult.Failed> failures = new ArrayList<>();
        int deferred = 0;
        for (CaptureResult result : results) {
            if (isDeferred(result)) {
                deferred++;
            } else if (result instanceof CaptureResult.Failed failed) {
                failures.add(failed);
            }
        }
        return new Fetched(target, results, failures, deferred);
    }

    /** No account on a paced platform: nothing was sent, so nothing failed. */
    private boolean isDeferred(CaptureResult result) {
        return result instanceof CaptureResult.Failed failed
                && NO_ACCOUNT.equals(failed.outcome())
                && capacity.callsAvailable(failed.target().platform()).isPresent();
    }

    private void hand(CaptureResult result) {
        if (result instanceof CaptureResult.Captured captured) {
            indexer.index(captured.batch());
            captured.onHandOver().run();
            countDeadLetters(captured.batch().target(), captured.batch().deadLetters());
        } else if (isDeferred(result)) {
            Counter.builder("onestore.ingest.targets.deferred")
                    .description("due target fetches left for a later cycle because no account had a call left")
                    .register(registry)
                    .increment();
        } else if (result instanceof CaptureResult.Failed failed) {
            indexer.deadLetters(failed.deadLetters());
            countDeadLetters(failed.target(), failed.deadLetters());
            Counter.builder("onestore.ingest.targets.failed")
                    .description("target fetches that failed, by outcome; the targets stay due")
                    .tag("outcome", failed.outcome())
                    .register(registry)
                    .increment();
            log.debug("{} failed ({}): {}", failed.target(), failed.outcome(), failed.reason());
        }
    }

    /**
     * Dead letters by source and type ({@code unreadable_node}, {@code unknown_layout}, {@code malformed_upstream_body}),
     * so that an upstream change shows in metrics, and a warning for rows of an unknown layout, whose posts were lost.
     */
    private void countDeadLetters(Target target, List<DeadLetterDocument> letters) {
        for (DeadLetterDocument letter : letters) {
            Counter.builder("onestore.ingest.dead_letters")
                    .description("upstream parts that could not be read and went to the dead-letter index, by type")
                    .tag("source", String.valueOf(letter.source()))
                    .tag("error_type", letter.errorType())
                    .register(registry)
                    .increment();
            if (CaptureAssembler.UNKNOWN_LAYOUT.equals(letter.errorType())) {
                log.warn("{}: {} (kept in the dead-letter index)", target, letter.reason());
            }
        }
    }

    /**
     * The results of one leased target, one per platform.
     *
     * @param failures the fetches that failed
     * @param deferred fetches that were not started (no account on a paced platform)
     */
    record Fetched(
            LeasedTarget target, List<CaptureResult> results, List<CaptureResult.Failed> failures, int deferred) {

        /**
         * Fetched only if every platform was; otherwise the first failure's outcome, and the target stays due. A target
         * whose only misses were deferred stays due with its outcome untouched: its lease is merely given back.
         */
        Completion completion(Instant capturedAt) {
            if (!failures.isEmpty()) {
                return new Completion(target, null, failures.get(0).outcome());
            }
            return deferred > 0 ? new Completion(target, null, null) : new Completion(target, capturedAt, "ok");
        }
    }
}
