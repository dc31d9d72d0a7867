package io.onestore.ingestor.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.enrich.CaptureFollowUp;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.targets.CaptureCapacity;
import io.onestore.ingestor.targets.CoverageBook;
import io.onestore.ingestor.targets.DueTargets;
import io.onestore.ingestor.targets.LeasedTarget;
import io.onestore.ingestor.targets.Target;
import io.onestore.ingestor.targets.TargetLeases;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest cycle: find the due targets, then page by page lease as many as the accounts can serve now
 * ({@link CaptureCapacity}, at most {@value #LEASE_PAGE} a page), fetch them with bounded concurrency, hand every
 * capture (and the dead letters of every failure) to the indexer, write the coverage ledger and end the leases. A
 * due target the accounts cannot serve is not leased: it stays due, untouched, and the cycle reports it as deferred
 * (docs/coverage.md, "Leasing within the budget"). The capture time is the page's start, so a target fetched in it is
 * due again exactly one interval later.
 */
public final class IngestCycle {

    private static final Logger log = LoggerFactory.getLogger(IngestCycle.class);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(1);
    // Bounds each lease and completion write (10,000 at once outlasted the client's 30 s socket timeout under load)
    // and lets each page see the calls the previous one left.
    static final int LEASE_PAGE = 500;

    private final Supplier<TargetFetcher> fetcher;
    private final TargetLeases leases;
    private final BulkIndexer indexer;
    private final BooleanSupplier contractInstalled;
    private final Supplier<List<Target>> fileTargets;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer cycleDuration;
    private final CoverageBook coverage;
    // Set by a cycle skipped because Elasticsearch was unreachable, cleared once the ledger is written again: cycles
    // run one at a time (the scheduler's single thread), so this needs no more than visibility.
    private volatile boolean storeWasDown;
    private final CaptureFollowUp followUp;
    private final CaptureCapacity capacity;
    private final PageFetch pages;

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
                CaptureFollowUp.NONE,
                CaptureCapacity.UNLIMITED);
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
                CaptureFollowUp.NONE,
                CaptureCapacity.UNLIMITED);
    }

    /**
     * @param fetcher the fetching side; may supply null while no {@link TargetFetcher} exists, then cycles skip
     * @param timeout the longest a cycle waits for its fetches (the lease length: after it, others may fetch)
     * @param coverage the ledger the captures walk by and write; null: one page per capture, no ledger
     * @param followUp runs once the captures are indexed and the leases ended (author enrichment)
     * @param capacity how many captures the accounts can start now, per platform: no more targets are leased
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
            CaptureFollowUp followUp,
            CaptureCapacity capacity) {
        this.coverage = coverage;
        this.capacity = capacity;
        this.pages = new PageFetch(indexer, concurrency, timeout, registry, capacity);
        this.fetcher = fetcher;
        this.followUp = followUp;
        this.leases = leases;
        this.indexer = indexer;
        this.contractInstalled = contractInstalled;
        this.fileTargets = fileTargets;
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
        DueTargets due;
        Set<String> fileIds;
        try {
            List<Target> file = fileTargets.get();
            leases.register(file, start);
            fileIds = file.stream().map(Target::id).collect(Collectors.toSet());
            due = leases.due(fileIds, start);
        } catch (IOException e) {
            storeWasDown = true;
            return CycleReport.skipped(start, since(started), indexer.spoolDepth(), "cannot lease targets: " + e);
        }
        long indexedBefore = indexer.documentsIndexed();
        Tally tally = new Tally(storeWasDown);
        while (due.size() > 0) {
            int waiting = due.size();
            Instant pageStart = clock.instant();
            List<LeasedTarget> leased;
            try {
                leased = leases.lease(due, LEASE_PAGE, capacity, pageStart);
            } catch (IOException e) {
                storeWasDown = true;
                log.warn("Cannot lease the next targets; they stay due: {}", e.toString());
                break;
            }
            if (due.size() == waiting) {
                break; // the accounts can serve none of the rest now
            }
            capturePage(fetch, leased, pageStart, tally);
        }
        if (tally.ledgerWritten && !tally.ledgerFailed) {
            storeWasDown = false;
        }
        plan(tally.leased, fileIds, start);
        followUp.afterCapture(tally.captured, start);
        Counter.builder("onestore.ingest.targets.due")
                .description("target fetches leased by cycles")
                .register(registry)
                .increment(tally.due);
        return new CycleReport(
                start,
                tally.due,
                tally.succeeded,
                tally.failed,
                tally.deferred + due.size(),
                indexer.documentsIndexed() - indexedBefore,
                indexer.spoolDepth(),
                since(started),
                null);
    }

    /** Fetches one page of leased targets, indexes what they bring, writes their ledgers and ends their leases. */
    private void capturePage(TargetFetcher fetch, List<LeasedTarget> leased, Instant start, Tally tally) {
        if (leased.isEmpty()) {
            return; // every target of the page was taken by another replica meanwhile
        }
        CoverageBook.Orders orders = orders(leased, start);
        List<PageFetch.Fetched> fetched = pages.fetchAll(fetch, leased, start, orders);
        indexer.flush(FLUSH_TIMEOUT);
        record(orders, fetched, start, tally);
        leases.complete(fetched.stream().map(f -> f.completion(start)).toList(), clock.instant());
        tally.add(leased, fetched);
    }

    /** What the pages of one cycle did. */
    private static final class Tally {
        // Elasticsearch was unreachable since the previous cycle or during this one: every page's walks span it.
        boolean outage;
        boolean ledgerWritten;
        boolean ledgerFailed;
        int leased;
        int due;
        int succeeded;
        int failed;
        int deferred;
        final List<Target> captured = new ArrayList<>();

        Tally(boolean outage) {
            this.outage = outage;
        }

        void add(List<LeasedTarget> page, List<PageFetch.Fetched> fetched) {
            leased += page.size();
            due += page.stream().mapToInt(l -> l.targets().size()).sum();
            for (PageFetch.Fetched f : fetched) {
                failed += f.failures().size();
                deferred += f.deferred();
                succeeded += f.results().size() - f.failures().size() - f.deferred();
                f.results().stream()
                        .filter(CaptureResult.Captured.class::isInstance)
                        .map(CaptureResult::target)
                        .forEach(captured::add);
            }
        }
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
    private void record(CoverageBook.Orders orders, List<PageFetch.Fetched> fetched, Instant start, Tally tally) {
        if (orders == null) {
            return;
        }
        List<CoverageBook.Walked> walked = new ArrayList<>();
        for (PageFetch.Fetched f : fetched) {
            for (CaptureResult result : f.results()) {
                if (result instanceof CaptureResult.Captured captured && captured.coverage() != null) {
                    walked.add(new CoverageBook.Walked(captured.target(), captured.coverage()));
                }
            }
        }
        try {
            coverage.record(orders, walked, start, tally.outage);
            tally.ledgerWritten = true;
        } catch (IOException | RuntimeException e) {
            storeWasDown = true;
            tally.outage = true;
            tally.ledgerFailed = true;
            log.warn("Cannot write the coverage ledger: {}", e.toString());
        }
    }

    /** After a cycle that captured anything, the planner spaces the next captures (docs/coverage.md). */
    private void plan(int leased, Set<String> fileIds, Instant start) {
        if (coverage == null || leased == 0) {
            return;
        }
        try {
            coverage.plan(fileIds, start);
        } catch (IOException | RuntimeException e) {
            // The previous plan's intervals stay in force.
            log.warn("Cannot plan the next captures: {}", e.toString());
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
