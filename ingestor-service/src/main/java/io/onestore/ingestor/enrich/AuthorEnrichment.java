package io.onestore.ingestor.enrich;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.TargetFetcher;
import io.onestore.ingestor.config.EnrichSettings;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.TargetDocument;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each capture, takes a profile snapshot of the authors who matter around the watched tags: tag feeds carry no
 * follower counts, so without it the influencer ranking knows the followers of the targets only. The candidates are
 * the top authors of the tags just captured by engagement and by posts (as the ranking sees them); authors never
 * captured come first, then those whose last snapshot is older than {@code refresh-after}; at most
 * {@code max-per-cycle} per cycle and within {@link EnrichmentBudget its share} of the account budget. Each profile
 * goes through the mode's own profile endpoint and the same fetcher, pool and indexer as a profile target: Graph
 * mode uses business discovery, which answers for professional accounts only, and an author it refuses is counted as
 * {@code rejected} and not asked again within the period.
 *
 * <p>A failure that is the pool's or the upstream's (no account, rate-limited, transient) ends enrichment for the
 * cycle: the targets need the budget more, and the authors stay candidates for the next cycle.
 */
public final class AuthorEnrichment implements CaptureFollowUp {

    private static final Logger log = LoggerFactory.getLogger(AuthorEnrichment.class);
    /** Outcomes that say something about the author, not the pool: retrying them each cycle would only waste calls. */
    private static final Set<String> AUTHOR_OUTCOMES = Set.of("rejected", "malformed");

    private final Supplier<TargetFetcher> fetcher;
    private final AuthorCandidates candidates;
    private final EnrichmentBudget budget;
    private final BulkIndexer indexer;
    private final EnrichSettings settings;
    private final Duration timeout;
    private final MeterRegistry registry;
    private final CaptureFollowUp bluesky;
    /** Authors refused by the upstream, by when: not retried within the period. Only the cycle's thread uses it. */
    private final Map<String, Instant> refused = new HashMap<>();

    AuthorEnrichment(
            Supplier<TargetFetcher> fetcher,
            AuthorCandidates candidates,
            EnrichmentBudget budget,
            BulkIndexer indexer,
            EnrichSettings settings,
            Duration timeout,
            MeterRegistry registry,
            CaptureFollowUp bluesky) {
        this.bluesky = bluesky;
        this.fetcher = fetcher;
        this.candidates = candidates;
        this.budget = budget;
        this.indexer = indexer;
        this.settings = settings;
        this.timeout = timeout;
        this.registry = registry;
    }

    @Override
    public synchronized void afterCapture(List<Target> captured, Instant capturedAt) {
        bluesky.afterCapture(captured, capturedAt);
        List<String> tags = captured.stream()
                .filter(t -> t.kind() == TargetDocument.Kind.HASHTAG)
                .map(Target::value)
                .distinct()
                .toList();
        if (!settings.enabled() || tags.isEmpty()) {
            return;
        }
        TargetFetcher fetch;
        List<String> due;
        // The cycle's captures are already indexed: nothing here may fail the cycle.
        try {
            fetch = fetcher.get();
            if (fetch == null) {
                return;
            }
            due = due(tags, capturedAt);
        } catch (IOException | RuntimeException e) {
            log.warn("Author enrichment skipped this cycle: cannot choose its authors ({})", e.toString());
            return;
        }
        int enriched = 0;
        for (int i = 0; i < due.size(); i++) {
            String username = due.get(i);
            if (!budget.tryAcquire()) {
                count("budget_spent", due.size() - i);
                break;
            }
            String outcome = enrich(fetch, username, capturedAt);
            count(outcome, 1);
            if ("ok".equals(outcome)) {
                enriched++;
            } else if (AUTHOR_OUTCOMES.contains(outcome)) {
                refused.put(username, capturedAt);
            } else {
                break;
            }
        }
        if (enriched > 0) {
            indexer.flush(timeout);
        }
        log.info("Author enrichment: {} of {} due authors enriched", enriched, due.size());
    }

    /** The authors to enrich this cycle, new ones first, at most {@code max-per-cycle}. */
    List<String> due(List<String> tags, Instant now) throws IOException {
        return candidates.due(tags, now, settings, refused, settings.maxPerCycle());
    }

    private String enrich(TargetFetcher fetch, String username, Instant capturedAt) {
        CaptureResult result;
        try {
            result = fetch.fetch(Target.profile(username), capturedAt).block(timeout);
        } catch (RuntimeException e) {
            log.warn("Enrichment of @{} stopped: {}", username, e.toString());
            return "transient";
        }
        if (result instanceof CaptureResult.Captured capturedProfile) {
            indexer.index(capturedProfile.batch());
            capturedProfile.onHandOver().run();
            return "ok";
        }
        if (result instanceof CaptureResult.Failed failed) {
            indexer.deadLetters(failed.deadLetters());
            log.info("Enrichment of @{}: {} ({})", username, failed.outcome(), failed.reason());
            return failed.outcome();
        }
        return "transient";
    }

    private void count(String outcome, int n) {
        count(registry, outcome, n);
    }

    /** Counts authors considered, on every platform, by outcome. */
    static void count(MeterRegistry registry, String outcome, int n) {
        Counter.builder("onestore.enrich.authors")
                .description("authors considered by enrichment, by outcome (ok, rejected, budget_spent, …)")
                .tag("outcome", outcome)
                .register(registry)
                .increment(n);
    }
}
