package io.onestore.query.targets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reads the targets and their coverage ledgers (the ingestor writes both). */
@Service
public class TargetLedgerService {

    /** Targets listed at most: a deployment watching more pages through Kibana or a later paged listing. */
    static final int MAX_TARGETS = 1000;
    /** Gaps shown with one target, newest first. */
    static final int MAX_GAPS = 100;

    private final ElasticsearchClient client;
    private final IndexNames names;

    TargetLedgerService(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    public List<TargetLedger> list() throws IOException {
        List<TargetDocument> targets = client
                .search(TargetLedgerQuery.targets(names.targets(), MAX_TARGETS), TargetDocument.class)
                .hits()
                .hits()
                .stream()
                .map(hit -> hit.source())
                .filter(t -> t != null)
                .toList();
        Map<String, List<TargetCoverageDocument>> ledgers = ledgers(null);
        List<TargetLedger> result = new ArrayList<>();
        for (TargetDocument target : targets) {
            result.add(view(target, ledgers.getOrDefault(target.id(), List.of()), null));
        }
        return result;
    }

    public TargetLedger get(String id) throws IOException {
        var found = client.get(g -> g.index(names.targets()).id(id), TargetDocument.class);
        if (!found.found() || found.source() == null) {
            throw new ApiException(ProblemType.NOT_FOUND, "No target with id '" + id + "'");
        }
        List<TargetLedger.GapEntry> entries = client
                .search(TargetLedgerQuery.gaps(names.coverageGaps(), id, MAX_GAPS), CoverageGapDocument.class)
                .hits()
                .hits()
                .stream()
                .map(hit -> hit.source())
                .filter(g -> g != null)
                .map(TargetLedgerService::entry)
                .toList();
        return view(found.source(), ledgers(id).getOrDefault(id, List.of()), entries);
    }

    private Map<String, List<TargetCoverageDocument>> ledgers(String targetId) throws IOException {
        var hits = client.search(
                        TargetLedgerQuery.ledgers(names.targetCoverage(), targetId, MAX_TARGETS * 4),
                        TargetCoverageDocument.class)
                .hits()
                .hits();
        Map<String, List<TargetCoverageDocument>> byTarget = new HashMap<>();
        for (var hit : hits) {
            if (hit.source() != null) {
                byTarget.computeIfAbsent(hit.source().targetId(), k -> new ArrayList<>())
                        .add(hit.source());
            }
        }
        return byTarget;
    }

    private static TargetLedger view(
            TargetDocument target, List<TargetCoverageDocument> ledgers, List<TargetLedger.GapEntry> gaps) {
        return new TargetLedger(
                target.id(),
                target.kind().key(),
                target.value(),
                target.platforms() == null
                        ? List.of()
                        : target.platforms().stream().map(p -> p.key()).toList(),
                target.campaignIds() == null ? List.of() : target.campaignIds(),
                target.createdAt(),
                target.lastFetchedAt(),
                target.lastOutcome(),
                ledgers.stream().map(TargetLedger.PlatformCoverage::of).toList(),
                gaps);
    }

    private static TargetLedger.GapEntry entry(CoverageGapDocument gap) {
        return new TargetLedger.GapEntry(
                gap.platform().key(),
                gap.from(),
                gap.to(),
                gap.reason().key(),
                gap.status().key(),
                gap.detectedAt(),
                gap.estimatedPosts());
    }
}
