package io.onestore.ingestor.targets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.onestore.model.document.CampaignDocument;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cycle's side of the coverage ledger: before fetching, what each leased target's capture should read (its mark,
 * page budget, back-fill); after, the ledgers and gaps the captures leave (docs/coverage.md). Hashtags and the profiles
 * whose captures read posts keep a ledger ({@link Target#readsPosts()}); an X profile, a snapshot only, does not, and
 * a Bluesky target's ledger is the stream's ({@code StreamCoverage}): the cycle neither reads nor writes it.
 */
public final class CoverageBook {

    private final CoverageLedger ledger;
    private final ElasticsearchClient client;
    private final IndexNames names;
    private final int pageBudget;
    private final Duration overlap;
    private final int backfillPages;
    private final Duration defaultBackfill;
    private final CapturePlanning planning;

    /** @param planning spaces the captures by the targets' rates; null: every target at the configured interval */
    public CoverageBook(
            ElasticsearchClient client,
            IndexNames names,
            int pageBudget,
            Duration overlap,
            int backfillPages,
            Duration defaultBackfill,
            CapturePlanning planning) {
        this.planning = planning;
        this.ledger = new CoverageLedger(client, names);
        this.client = client;
        this.names = names;
        this.pageBudget = pageBudget;
        this.overlap = overlap;
        this.backfillPages = backfillPages;
        this.defaultBackfill = defaultBackfill;
    }

    /** The orders of one cycle and the ledgers they were made from. */
    public record Orders(Map<String, CoverageOrder> byLedgerId, Map<String, TargetCoverageDocument> previous) {

        public CoverageOrder of(Target target) {
            return byLedgerId.getOrDefault(ledgerId(target), CoverageOrder.firstPage());
        }
    }

    /** A capture that walked a feed, for {@link #record}. */
    public record Walked(Target target, CoverageUpdate.Capture capture) {}

    public static String ledgerId(Target target) {
        return DocumentIds.targetCoverage(target.id(), target.platform());
    }

    public Orders orders(List<LeasedTarget> leased, Instant now) throws IOException {
        List<Target> reading = new ArrayList<>();
        Set<String> campaignIds = new LinkedHashSet<>();
        for (LeasedTarget lease : leased) {
            for (Target target : lease.targets()) {
                if (target.readsPosts()) {
                    reading.add(target);
                }
            }
            if (lease.document().campaignIds() != null) {
                campaignIds.addAll(lease.document().campaignIds());
            }
        }
        Map<String, TargetCoverageDocument> previous = ledger.read(
                reading.stream().map(CoverageBook::ledgerId).distinct().toList());
        Map<String, CoverageGapDocument> gaps = ledger.rereadableGaps(
                reading.stream().map(Target::id).distinct().toList());
        Map<String, CampaignDocument> campaigns = campaigns(List.copyOf(campaignIds));
        Map<String, CoverageOrder> orders = new HashMap<>();
        for (LeasedTarget lease : leased) {
            Instant start = backfillStart(lease.document(), campaigns, now);
            for (Target target : lease.targets()) {
                if (!target.readsPosts()) {
                    continue;
                }
                TargetCoverageDocument known = previous.get(ledgerId(target));
                TargetCoverageDocument.Backfill backfill = known != null && known.backfill() != null
                        ? widen(known.backfill(), start)
                        : new TargetCoverageDocument.Backfill(start, null, null, false, 0);
                orders.put(
                        ledgerId(target),
                        new CoverageOrder(
                                known == null ? null : known.highWaterMark(),
                                pageBudget,
                                overlap,
                                backfill,
                                backfillPages,
                                gaps.get(ledgerId(target))));
            }
        }
        return new Orders(orders, previous);
    }

    /**
     * A campaign created later may want more history than the back-fill already done: it goes on from where it
     * stopped (its cursor), or, for a ledger that kept none, from the top of the feed again (a post read twice is one
     * document). A back-fill that ended with the feed before its old start stays done: nothing older exists to read.
     */
    static TargetCoverageDocument.Backfill widen(TargetCoverageDocument.Backfill stored, Instant start) {
        if (!start.isBefore(stored.start())) {
            return stored;
        }
        Instant reached = stored.reached();
        boolean feedEnded =
                stored.done() && stored.cursor() == null && reached != null && reached.isAfter(stored.start());
        boolean done = feedEnded || (reached != null && !reached.isAfter(start));
        return new TargetCoverageDocument.Backfill(start, reached, done ? null : stored.cursor(), done, stored.pages());
    }

    /** The earliest a campaign of the target wants ({@code start - baselineDays}), or the default look-back. */
    private Instant backfillStart(TargetDocument target, Map<String, CampaignDocument> campaigns, Instant now) {
        Instant start = now.minus(defaultBackfill);
        if (target.campaignIds() != null && !target.campaignIds().isEmpty()) {
            Instant earliest = null;
            for (String id : target.campaignIds()) {
                CampaignDocument campaign = campaigns.get(id);
                if (campaign != null && campaign.start() != null) {
                    Instant wanted = campaign.start().minus(Duration.ofDays(campaign.baselineDays()));
                    earliest = earliest == null || wanted.isBefore(earliest) ? wanted : earliest;
                }
            }
            if (earliest != null) {
                start = earliest;
            }
        }
        return start;
    }

    private Map<String, CampaignDocument> campaigns(List<String> ids) throws IOException {
        Map<String, CampaignDocument> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        var response = client.mget(m -> m.index(names.campaigns()).ids(ids), CampaignDocument.class);
        for (MultiGetResponseItem<CampaignDocument> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                found.put(item.result().id(), item.result().source());
            }
        }
        return found;
    }

    /** This book with a planner over {@code budget}, whose intervals go to {@code leases}. */
    public CoverageBook planningWith(CapturePlanner.Budget budget, TargetLeases leases, int maxTargets) {
        return new CoverageBook(
                client,
                names,
                pageBudget,
                overlap,
                backfillPages,
                defaultBackfill,
                new CapturePlanning(client, names, budget, leases, maxTargets));
    }

    /** Plans the next captures of the watched targets (when a planner is configured). */
    public void plan(Set<String> fileTargetIds, Instant now) throws IOException {
        if (planning != null) {
            planning.plan(fileTargetIds, now);
        }
    }

    /**
     * Writes the ledgers and gaps the captures leave.
     *
     * @param storeOutage Elasticsearch was unreachable since the previous cycle: a walk short of the mark lost that
     *     range to the outage ({@code store_unavailable})
     */
    public void record(Orders orders, List<Walked> walked, Instant now, boolean storeOutage) throws IOException {
        List<TargetCoverageDocument> ledgers = new ArrayList<>();
        List<CoverageGapDocument> gaps = new ArrayList<>();
        for (Walked w : walked) {
            CoverageUpdate.Capture capture = storeOutage ? w.capture().afterOutage() : w.capture();
            Target target = w.target();
            TargetCoverageDocument previous = orders.previous().get(ledgerId(target));
            PartGaps.Update parts = capture.parts().isEmpty()
                    ? PartGaps.Update.NONE
                    : PartGaps.apply(
                            previous,
                            target.id(),
                            target.kind(),
                            target.value(),
                            target.platform(),
                            capture.parts(),
                            ledger.openPartGaps(target.id(), target.platform()),
                            capture.walk().oldestRead(),
                            now);
            CoverageUpdate.Outcome outcome = CoverageUpdate.apply(
                    previous, target.id(), target.kind(), target.value(), target.platform(), capture, parts, now);
            ledgers.add(outcome.ledger());
            gaps.addAll(outcome.gaps());
        }
        ledger.write(ledgers, gaps);
    }
}
