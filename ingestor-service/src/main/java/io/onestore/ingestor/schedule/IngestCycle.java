package io.onestore.ingestor.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.enrich.CaptureFollowUp;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.normalize.CaptureAssembler;
import io.onestore.ingestor.targets.CoverageBook;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.LeasedTarget;
import io.onestore.ingestor.targets.Target;
import io.onestore.ingestor.targets.TargetLeases;
import io.onestore.ingestor.targets.TargetLeases.Completion;
import io.onestore.model.document.DeadLetterDocument;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One ingest cycle: lease the due targets, fetch them with bounded concurrency, hand every capture (and the dead
 * letters of every failure) to the indexer, then end the leases. The capture time is the cycle's start, so a target
 * fetched in this cycle is due again exactly one interval later.
 */
public final class IngestCycle {

    private static final Logger log = LoggerFactory.getLogger(IngestCycle.class);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(1);

    private final Supplier<TargetFetcher> fetcher;
    private final TargetLeases leases;
    private final BulkIndexer indexer;
    private final BooleanSupplier contractInstalled;
    private final Supplier<List<Target>> fileTargets;
    private final int concurrency;
    private final Duration timeout;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer cycleDuration;
    private final CoverageBook coverage;
    // Set by a cycle skipped because Elasticsearch was unreachable, cleared once the ledger is written again: cycles
    // run one at a time (the scheduler's single thread), so this needs no more than visibility.
    private volatile boolean storeWasDown;
    private final CaptureFollowUp followUp;

    /** A cycle with no follow-up after its captures. */
    public IngestCycle(
            Supplier<TargetFetcher> fetcher,
            TargetLeases leases,
            BulkIndexer indexer,
            BooleanSupplier contractInstalled,
            Supplier<List<Target>> fileTargets,
            int concurrency,
            Duration timeout,
            Clock clock,
            MeterRegistry registry) {
        this(
                fetcher,
                leases,
                indexer,
                contractInstalled,
                fileTargets,
                concurrency,
                timeout,
                clock,
                registry,
                null,
                CaptureFollowUp.NONE);
    }

    /** A cycle that walks by the coverage ledger, with no follow-up after its captures. */
    public IngestCycle(
            Supplier<TargetFetcher> fetcher,
            TargetLeases leases,
            BulkIndexer indexer,
            BooleanSupplier contractInstalled,
            Supplier<List<Target>> fileTargets,
            int concurrency,
            Duration timeout,
            Clock clock,
            MeterRegistry registry,
            CoverageBook coverage) {
        this(
                fetcher,
                leases,
                indexer,
                contractInstalled,
                fileTargets,
                concurrency,
                timeout,
                clock,
                registry,
                coverage,
                CaptureFollowUp.NONE);
    }

    /**
     * @param fetcher the fetching side; may supply null while no {@link TargetFetcher} exists, then cycles skip
     * @param timeout the longest a cycle waits for its fetches (the lease length: after it, others may fetch)
     * @param coverage the ledger the captures walk by and write; null: one page per capture, no ledger
     * @param followUp runs once the captures are indexed and the leases ended (author enrichment)
     */
    public IngestCycle(
            Supplier<TargetFetcher> fetcher,
            TargetLeases leases,
            BulkIndexer indexer,
            BooleanSupplier contractInstalled,
            Supplier<List<Target>> fileTargets,
            int concurrency,
            Duration timeout,
            Clock clock,
            MeterRegistry registry,
            CoverageBook coverage,
            CaptureFollowUp followUp) {
        this.coverage = coverage;
        this.fetcher = fetcher;
        this.followUp = followUp;
        this.leases = leases;
        this.indexer = indexer;
        this.contractInstalled = contractInstalled;
        this.fileTargets = fileTargets;
        this.concurrency = concurrency;
        this.timeout = timeout;
        this.clock = clock;
        this.registry = registry;
        this.cycleDuration = Timer.builder("onestore.ingest.cycle.duration")
                .description("time one ingest cycle took")
                .register(registry);
    }

    public CycleReport run() {
        Instant start = clock.instant();
        long started = System.nanoTime();
        CycleReport report = runFrom(start, started);
        cycleDuration.record(report.duration());
        log.info("{}", report);
        return report;
    }

    private CycleReport runFrom(Instant start, long started) {
        TargetFetcher fetch = fetcher.get();
        if (fetch == null) {
            return CycleReport.skipped(start, since(started), indexer.spoolDepth(), "no TargetFetcher");
        }
        if (!contractInstalled.getAsBoolean()) {
            return CycleReport.skipped(start, since(started), indexer.spoolDepth(), "index contract not installed");
        }
        if (indexer.isPaused()) {
            storeWasDown = true;
            return CycleReport.skipped(start, since(started), indexer.spoolDepth(), "elasticsearch unreachable");
        }
        List<LeasedTarget> leased;
        Set<String> fileIds;
        try {
            List<Target> file = fileTargets.get();
            leases.register(file, start);
            fileIds = file.stream().map(Target::id).collect(Collectors.toSet());
            leased = leases.claimDue(fileIds, start);
        } catch (IOException e) {
            storeWasDown = true;
            return CycleReport.skipped(start, since(started), indexer.spoolDepth(), "cannot lease targets: " + e);
        }
        CoverageBook.Orders orders = orders(leased, start);
        long indexedBefore = indexer.documentsIndexed();
        List<Fetched> fetched = fetchAll(fetch, leased, start, orders);
        indexer.flush(FLUSH_TIMEOUT);
        record(orders, fetched, start);
        leases.complete(fetched.stream().map(f -> f.completion(start)).toList(), clock.instant());
        plan(leased, fileIds, start);
        followUp.afterCapture(
                fetched.stream()
                        .flatMap(f -> f.results().stream())
                        .filter(CaptureResult.Captured.class::isInstance)
                        .map(CaptureResult::target)
                        .toList(),
                start);
        int due = leased.stream().mapToInt(l -> l.targets().size()).sum();
        int failed = fetched.stream().mapToInt(Fetched::failures).sum();
        int succeeded = fetched.stream().mapToInt(f -> f.results().size()).sum() - failed;
        Counter.builder("onestore.ingest.targets.due")
                .description("target fetches leased by cycles")
                .register(registry)
                .increment(due);
        return new CycleReport(
                start,
                due,
                succeeded,
                failed,
                indexer.documentsIndexed() - indexedBefore,
                indexer.spoolDepth(),
                since(started),
                null);
    }

    private CoverageBook.Orders orders(List<LeasedTarget> leased, Instant start) {
        if (coverage == null) {
            return null;
        }
        try {
            return coverage.orders(leased, start);
        } catch (IOException | RuntimeException e) {
            // Without the ledger a capture still reads its first page; nothing is recorded for it this cycle.
            log.warn("Cannot read the coverage ledger: {}", e.toString());
            return null;
        }
    }

    /** Writes the coverage ledger after the captures' documents were handed to the indexer. */
    private void record(CoverageBook.Orders orders, List<Fetched> fetched, Instant start) {
        if (orders == null) {
            return;
        }
        List<CoverageBook.Walked> walked = new ArrayList<>();
        for (Fetched f : fetched) {
            for (CaptureResult result : f.results()) {
                if (result instanceof CaptureResult.Captured captured && captured.coverage() != null) {
                    walked.add(new CoverageBook.Walked(captured.target(), captured.coverage()));
                }
            }
        }
        try {
            coverage.record(orders, walked, start, storeWasDown);
            storeWasDown = false;
        } catch (IOException | RuntimeException e) {
            storeWasDown = true;
            log.warn("Cannot write the coverage ledger: {}", e.toString());
        }
    }

    /**
     * Fetches every leased target, at most {@code concurrency} at once, and hands each result to the indexer on a
     * worker thread (results may arrive on an HTTP event loop, and indexing blocks). A fetch still running at the
     * timeout is abandoned: its lease runs out and the target is fetched again, by whichever replica.
     */
    /** After a cycle that captured anything, the planner spaces the next captures (docs/coverage.md). */
    private void plan(List<LeasedTarget> leased, Set<String> fileIds, Instant start) {
        if (coverage == null || leased.isEmpty()) {
            return;
        }
        try {
            coverage.plan(fileIds, start);
        } catch (IOException | RuntimeException e) {
            // The previous plan's intervals stay in force.
            log.warn("Cannot plan the next captures: {}", e.toString());
        }
    }

    private List<Fetched> fetchAll(
            TargetFetcher fetch, List<LeasedTarget> leased, Instant start, CoverageBook.Orders orders) {
        List<Fetched> done = Collections.synchronizedList(new ArrayList<>());
        try {
            Flux.fromIterable(leased)
                    .flatMap(
                            target -> Flux.fromIterable(target.targets())
                                    .concatMap(t -> fetchOne(
                                            fetch, t, start, orders == null ? CoverageOrder.firstPage() : orders.of(t)))
                                    .collectList()
                                    .map(results -> new Fetched(target, results)),
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

    private void hand(CaptureResult result) {
        if (result instanceof CaptureResult.Captured captured) {
            indexer.index(captured.batch());
            countDeadLetters(captured.batch().target(), captured.batch().deadLetters());
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

    /** The results of one leased target, one per platform. */
    private record Fetched(LeasedTarget target, List<CaptureResult> results) {

        int failures() {
            return (int) results.stream()
                    .filter(CaptureResult.Failed.class::isInstance)
                    .count();
        }

        /** Fetched only if every platform was; otherwise the first failure's outcome, and the target stays due. */
        Completion completion(Instant capturedAt) {
            return results.stream()
                    .filter(CaptureResult.Failed.class::isInstance)
                    .map(CaptureResult.Failed.class::cast)
                    .findFirst()
                    .map(failed -> new Completion(target, null, failed.outcome()))
                    .orElseGet(() -> new Completion(target, capturedAt, "ok"));
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
