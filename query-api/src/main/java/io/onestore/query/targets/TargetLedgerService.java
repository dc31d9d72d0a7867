package io.onestore.query.targets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.document.TargetSpendDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.coverage.CoverageQuery;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Reads the targets, their coverage ledgers and their spend (the ingestor writes all three) for
 * {@code GET /api/v1/targets}: a page of targets with their ledgers and spend in three requests, one target with its
 * gaps in four.
 */
@Service
public class TargetLedgerService {

    /** Targets examined at most for {@code underCovered=true}, which is decided per target from its ledgers. */
    static final int MAX_SCAN = 2500;
    /** Gaps shown with one target, newest first. */
    static final int MAX_GAPS = 100;

    private final ElasticsearchClient client;
    private final IndexNames names;
    /** Spend documents read at most per search. */
    static final int MAX_SPEND_DOCUMENTS = 10_000;

    private final Clock clock;

    TargetLedgerService(ElasticsearchClient client, IndexNames names, Clock clock) {
        this.client = client;
        this.names = names;
        this.clock = clock;
    }

    /** Page {@code page} (from 0) of {@code size} targets matching the filter, by kind then value. */
    public TargetPage list(TargetFilter filter, int page, int size) throws IOException {
        int offset = page * size;
        if (!filter.underCovered()) {
            var response = client.search(
                    TargetLedgerQuery.targets(names.targets(), filter, offset, size), TargetDocument.class);
            return new TargetPage(page, size, total(response), withSpend(views(sources(response))), null);
        }
        // Under-covered is decided from a target's ledgers on each of its platforms (a platform without a ledger
        // counts), which one search cannot join: the matching targets are scanned, bounded, and paged here.
        var response =
                client.search(TargetLedgerQuery.targets(names.targets(), filter, 0, MAX_SCAN), TargetDocument.class);
        List<TargetLedger> under = views(sources(response)).stream()
                .filter(TargetLedger::underCovered)
                .toList();
        String notice = total(response) > MAX_SCAN
                ? "Only the first " + MAX_SCAN + " of " + total(response)
                        + " targets (by kind and value) were examined;" + " narrow the list with kind or campaign."
                : null;
        List<TargetLedger> slice =
                offset >= under.size() ? List.of() : under.subList(offset, Math.min(under.size(), offset + size));
        return new TargetPage(page, size, under.size(), withSpend(slice), notice);
    }

    /** One target with its newest gaps; {@code target-not-found} when there is none with this id. */
    public TargetLedger get(String id) throws IOException {
        var found = client.get(g -> g.index(names.targets()).id(id), TargetDocument.class);
        if (!found.found() || found.source() == null) {
            throw new ApiException(ProblemType.TARGET_NOT_FOUND, "no target with id '" + id + "'");
        }
        var gaps = client.search(TargetLedgerQuery.gaps(names.coverageGaps(), id, MAX_GAPS), CoverageGapDocument.class);
        List<TargetLedger.GapEntry> entries = gaps.hits().hits().stream()
                .map(hit -> hit.source())
                .filter(Objects::nonNull)
                .map(TargetLedgerService::entry)
                .toList();
        return view(
                found.source(),
                ledgers(List.of(id)).getOrDefault(id, List.of()),
                spend(List.of(id)).getOrDefault(id, List.of()),
                entries,
                total(gaps));
    }

    private List<TargetLedger> views(List<TargetDocument> targets) throws IOException {
        Map<String, List<TargetCoverageDocument>> ledgers =
                ledgers(targets.stream().map(TargetDocument::id).toList());
        List<TargetLedger> views = new ArrayList<>();
        for (TargetDocument target : targets) {
            views.add(view(target, ledgers.getOrDefault(target.id(), List.of()), List.of(), null, null));
        }
        return views;
    }

    /** The page's targets with their spend: read for the page only, never for a whole under-covered scan. */
    private List<TargetLedger> withSpend(List<TargetLedger> page) throws IOException {
        Map<String, List<TargetSpend>> spent =
                spend(page.stream().map(TargetLedger::id).toList());
        return page.stream()
                .map(t -> t.withSpend(spent.getOrDefault(t.id(), List.of())))
                .toList();
    }

    /**
     * The targets' spend today and this month (UTC), from {@code target-spend}; targets without spend this month are
     * absent. In chunks whose documents all fit one answer, so no day is left out of a sum.
     */
    private Map<String, List<TargetSpend>> spend(List<String> targetIds) throws IOException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<TargetSpendDocument> days = new ArrayList<>();
        for (int from = 0; from < targetIds.size(); from += TargetSpendSums.TARGETS_PER_SEARCH) {
            List<String> chunk =
                    targetIds.subList(from, Math.min(targetIds.size(), from + TargetSpendSums.TARGETS_PER_SEARCH));
            days.addAll(sources(client.search(
                    TargetLedgerQuery.spend(
                            names.targetSpend(), chunk, TargetSpendSums.monthStart(today), today, MAX_SPEND_DOCUMENTS),
                    TargetSpendDocument.class)));
        }
        return TargetSpendSums.of(days, today);
    }

    private Map<String, List<TargetCoverageDocument>> ledgers(List<String> targetIds) throws IOException {
        Map<String, List<TargetCoverageDocument>> byTarget = new HashMap<>();
        if (targetIds.isEmpty()) {
            return byTarget;
        }
        var hits = client.search(
                        CoverageQuery.ledgers(
                                names.targetCoverage(), targetIds, targetIds.size() * Platform.values().length),
                        TargetCoverageDocument.class)
                .hits()
                .hits();
        for (var hit : hits) {
            if (hit.source() != null) {
                byTarget.computeIfAbsent(hit.source().targetId(), k -> new ArrayList<>())
                        .add(hit.source());
            }
        }
        return byTarget;
    }

    private static TargetLedger view(
            TargetDocument target,
            List<TargetCoverageDocument> ledgers,
            List<TargetSpend> spend,
            List<TargetLedger.GapEntry> gaps,
            Long gapsTotal) {
        List<TargetLedger.PlatformCoverage> coverage = ledgers.stream()
                .sorted((a, b) -> a.platform().compareTo(b.platform()))
                .map(TargetLedger.PlatformCoverage::of)
                .toList();
        List<Platform> platforms = target.platforms() == null ? List.of() : target.platforms();
        // A profile's snapshot-only platforms keep no ledger: their posts are not read, so not under-covered either.
        List<Platform> snapshotsOnly = target.kind() == TargetDocument.Kind.PROFILE
                ? platforms.stream().filter(Platform::profileSnapshotsOnly).toList()
                : List.of();
        boolean missingPlatform = platforms.stream()
                .filter(p -> !snapshotsOnly.contains(p))
                .anyMatch(p -> ledgers.stream().noneMatch(l -> l.platform() == p));
        boolean underCovered = (coverage.isEmpty() && snapshotsOnly.isEmpty())
                || missingPlatform
                || coverage.stream().anyMatch(TargetLedger.PlatformCoverage::incomplete);
        return new TargetLedger(
                target.id(),
                target.kind().key(),
                target.value(),
                platforms.stream().map(Platform::key).toList(),
                target.campaignIds() == null ? List.of() : target.campaignIds(),
                target.createdAt(),
                target.lastFetchedAt(),
                target.lastOutcome(),
                underCovered,
                snapshotsOnly.stream().map(Platform::key).toList(),
                coverage,
                spend,
                gaps,
                gapsTotal);
    }

    private static TargetLedger.GapEntry entry(CoverageGapDocument gap) {
        return new TargetLedger.GapEntry(
                gap.platform().key(),
                gap.from(),
                gap.to(),
                gap.reason().key(),
                gap.status().key(),
                gap.detectedAt(),
                gap.closedAt(),
                gap.estimatedPosts(),
                gap.detail(),
                gap.part());
    }

    private static <T> List<T> sources(SearchResponse<T> response) {
        return response.hits().hits().stream()
                .map(hit -> hit.source())
                .filter(Objects::nonNull)
                .toList();
    }

    private static long total(SearchResponse<?> response) {
        return response.hits().total() == null
                ? response.hits().hits().size()
                : response.hits().total().value();
    }
}
