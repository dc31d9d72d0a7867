package io.onestore.query.targets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.coverage.CoverageQuery;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Reads the targets and their coverage ledgers (the ingestor writes both) for {@code GET /api/v1/targets}: a page of
 * targets and their ledgers in two requests, one target with its gaps in three.
 */
@Service
public class TargetLedgerService {

    /** Targets examined at most for {@code underCovered=true}, which is decided per target from its ledgers. */
    static final int MAX_SCAN = 2500;
    /** Gaps shown with one target, newest first. */
    static final int MAX_GAPS = 100;

    private final ElasticsearchClient client;
    private final IndexNames names;

    TargetLedgerService(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** Page {@code page} (from 0) of {@code size} targets matching the filter, by kind then value. */
    public TargetPage list(TargetFilter filter, int page, int size) throws IOException {
        int offset = page * size;
        if (!filter.underCovered()) {
            var response = client.search(
                    TargetLedgerQuery.targets(names.targets(), filter, offset, size), TargetDocument.class);
            return new TargetPage(page, size, total(response), views(sources(response)), null);
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
        return new TargetPage(page, size, under.size(), slice, notice);
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
        return view(found.source(), ledgers(List.of(id)).getOrDefault(id, List.of()), entries, total(gaps));
    }

    private List<TargetLedger> views(List<TargetDocument> targets) throws IOException {
        Map<String, List<TargetCoverageDocument>> ledgers =
                ledgers(targets.stream().map(TargetDocument::id).toList());
        List<TargetLedger> views = new ArrayList<>();
        for (TargetDocument target : targets) {
            views.add(view(target, ledgers.getOrDefault(target.id(), List.of()), null, null));
        }
        return views;
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
            List<TargetLedger.GapEntry> gaps,
            Long gapsTotal) {
        List<TargetLedger.PlatformCoverage> coverage = ledgers.stream()
                .sorted((a, b) -> a.platform().compareTo(b.platform()))
                .map(TargetLedger.PlatformCoverage::of)
                .toList();
        List<Platform> platforms = target.platforms() == null ? List.of() : target.platforms();
        boolean missingPlatform =
                platforms.stream().anyMatch(p -> ledgers.stream().noneMatch(l -> l.platform() == p));
        boolean underCovered = coverage.isEmpty()
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
                coverage,
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
