package io.onestore.ingestor.targets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link CapturePlanner} over every watched target after a cycle (docs/coverage.md): the rates come from the
 * ledgers, the plan's intervals go to {@link TargetLeases} (when each target is due next), and the plan itself into
 * each ledger ({@code interval_seconds}, {@code next_due_at}, {@code plan}) where the query API reads it. Targets the
 * budget cannot cover are logged with their expected share before their posts are missed.
 */
public final class CapturePlanning {

    private static final Logger log = LoggerFactory.getLogger(CapturePlanning.class);

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final CoverageLedger ledger;
    private final CapturePlanner planner;
    private final TargetLeases leases;
    private final int maxTargets;
    // The last plan's under-covered targets, so a warning is logged when the outlook changes, not every cycle.
    private volatile Set<String> lastUnderCovered = Set.of();

    public CapturePlanning(
            ElasticsearchClient client,
            IndexNames names,
            CapturePlanner.Budget budget,
            TargetLeases leases,
            int maxTargets) {
        this.client = client;
        this.names = names;
        this.ledger = new CoverageLedger(client, names);
        this.planner = new CapturePlanner(budget);
        this.leases = leases;
        this.maxTargets = maxTargets;
    }

    /**
     * Plans the watched targets (those with a campaign, and the file targets in {@code fileTargetIds}).
     *
     * @return the plan of each target and platform, by ledger id
     */
    public List<CapturePlanner.Planned> plan(Set<String> fileTargetIds, Instant now) throws IOException {
        List<TargetDocument> watched = new ArrayList<>();
        for (Hit<TargetDocument> hit : client.search(
                        s -> s.index(names.targets()).size(maxTargets), TargetDocument.class)
                .hits()
                .hits()) {
            TargetDocument target = hit.source();
            if (target != null && (campaign(target) || fileTargetIds.contains(target.id()))) {
                watched.add(target);
            }
        }
        Map<String, TargetDocument> byLedgerId = new HashMap<>();
        for (TargetDocument target : watched) {
            for (Platform platform : platforms(target)) {
                // A streamed platform's ledger is the stream's: planning it from the stream's rate would space the
                // target's snapshots by how busy the tag is and spend an account pool's budget it never uses.
                if (!platform.streamed()) {
                    byLedgerId.put(DocumentIds.targetCoverage(target.id(), platform), target);
                }
            }
        }
        Map<String, TargetCoverageDocument> ledgers = ledger.read(List.copyOf(byLedgerId.keySet()));
        List<CapturePlanner.Load> loads = new ArrayList<>();
        byLedgerId.forEach((id, target) -> {
            TargetCoverageDocument known = ledgers.get(id);
            loads.add(new CapturePlanner.Load(
                    id,
                    known == null ? null : known.ratePerHour(),
                    campaign(target),
                    target.kind() == TargetDocument.Kind.HASHTAG));
        });
        List<CapturePlanner.Planned> plans = planner.plan(loads);

        Map<String, Duration> intervals = new HashMap<>();
        List<BulkOperation> updates = new ArrayList<>();
        for (CapturePlanner.Planned plan : plans) {
            TargetDocument target = byLedgerId.get(plan.id());
            intervals.merge(target.id(), plan.interval(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            TargetCoverageDocument known = ledgers.get(plan.id());
            if (known != null) {
                Instant last = target.lastFetchedAt() != null ? target.lastFetchedAt() : now;
                Instant nextDue = last.plus(plan.interval());
                // Only what changed: rewriting every target's plan each cycle made a cycle's writes proportional to
                // the targets watched instead of to the captures made (docs/benchmarks.md, capture fan-out).
                if (!unchanged(known, plan, nextDue)) {
                    updates.add(update(plan, nextDue, now));
                }
            }
        }
        leases.usePlannedIntervals(intervals);
        if (!updates.isEmpty()) {
            var response = client.bulk(b -> b.operations(updates));
            if (response.errors()) {
                log.warn("Some plans were not written to the coverage ledger");
            }
        }
        report(plans);
        return plans;
    }

    private void report(List<CapturePlanner.Planned> plans) {
        List<CapturePlanner.Planned> under =
                plans.stream().filter(CapturePlanner.Planned::underCovered).toList();
        Set<String> ids =
                Set.copyOf(under.stream().map(CapturePlanner.Planned::id).toList());
        if (!ids.equals(lastUnderCovered)) {
            for (CapturePlanner.Planned plan : under) {
                log.warn(
                        "Under-covered by plan: {} will be read at {} % of its expected posts ({}), every {}",
                        plan.id(), Math.round(plan.expectedShare() * 1000) / 10.0, plan.reason(), plan.interval());
            }
            if (under.isEmpty() && !lastUnderCovered.isEmpty()) {
                log.info("The plan covers every target again");
            }
        }
        lastUnderCovered = ids;
    }

    /** The ledger already holds this plan; its {@code planned_at} then stays when it was first made. */
    private static boolean unchanged(TargetCoverageDocument known, CapturePlanner.Planned plan, Instant nextDue) {
        TargetCoverageDocument.Plan stored = known.plan();
        return stored != null
                && Long.valueOf(plan.interval().toSeconds()).equals(known.intervalSeconds())
                && nextDue.equals(known.nextDueAt())
                && stored.expectedShare() == plan.expectedShare()
                && stored.underCovered() == plan.underCovered()
                && Objects.equals(stored.reason(), plan.underCovered() ? plan.reason() : null);
    }

    private BulkOperation update(CapturePlanner.Planned plan, Instant nextDue, Instant now) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("interval_seconds", plan.interval().toSeconds());
        fields.put("next_due_at", nextDue.toString());
        ObjectNode outlook = fields.putObject("plan");
        outlook.put("expected_share", plan.expectedShare());
        outlook.put("under_covered", plan.underCovered());
        if (plan.reason() != null && plan.underCovered()) {
            outlook.put("reason", plan.reason());
        }
        outlook.put("planned_at", now.toString());
        return BulkOperation.of(b -> b.<ObjectNode, ObjectNode>update(u ->
                u.index(names.targetCoverage()).id(plan.id()).requireAlias(true).action(a -> a.doc(fields))));
    }

    private static boolean campaign(TargetDocument target) {
        return target.campaignIds() != null && !target.campaignIds().isEmpty();
    }

    private static List<Platform> platforms(TargetDocument target) {
        return target.platforms() == null || target.platforms().isEmpty()
                ? List.of(Platform.INSTAGRAM)
                : target.platforms();
    }
}
