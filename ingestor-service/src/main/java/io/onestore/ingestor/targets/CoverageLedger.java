package io.onestore.ingestor.targets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coverage ledger in Elasticsearch: {@code target-coverage} (one document per target and platform) and
 * {@code coverage-gaps} (one per gap). Only the replica holding a target's lease writes its ledger, so plain writes
 * suffice; a gap's id is deterministic, so recording it twice is one document.
 */
public final class CoverageLedger {

    private static final Logger log = LoggerFactory.getLogger(CoverageLedger.class);
    /** Open gaps read per target and platform: one per part at most, in practice (a part has one open gap). */
    static final int MAX_PART_GAPS = 200;

    static final int GAPS_READ = 500;

    private final ElasticsearchClient client;
    private final IndexNames names;

    public CoverageLedger(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** The ledgers of these ids ({@link TargetCoverageDocument#id()}); ids without one are absent from the map. */
    public Map<String, TargetCoverageDocument> read(List<String> ids) throws IOException {
        Map<String, TargetCoverageDocument> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        var response = client.mget(m -> m.index(names.targetCoverage()).ids(ids), TargetCoverageDocument.class);
        for (MultiGetResponseItem<TargetCoverageDocument> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                found.put(item.result().id(), item.result().source());
            }
        }
        return found;
    }

    /**
     * The open gaps of a target's parts on a platform ({@link PartGaps}), at most {@value #MAX_PART_GAPS}. The gaps
     * index is refreshed first: the previous cycle's gaps must be seen, and a search sees only refreshed writes.
     */
    public List<CoverageGapDocument> openPartGaps(String targetId, Platform platform) throws IOException {
        client.indices().refresh(r -> r.index(names.coverageGaps()));
        var response = client.search(
                s -> s.index(names.coverageGaps())
                        .size(MAX_PART_GAPS)
                        .query(q -> q.bool(b -> b.filter(
                                        f -> f.term(t -> t.field("target_id").value(targetId)))
                                .filter(f -> f.term(t -> t.field("platform").value(platform.key())))
                                .filter(f ->
                                        f.term(t -> t.field("status").value(CoverageGapDocument.Status.OPEN.key())))
                                .filter(f -> f.exists(e -> e.field("part"))))),
                CoverageGapDocument.class);
        return response.hits().hits().stream()
                .map(hit -> hit.source())
                .filter(gap -> gap != null)
                .toList();
    }

    /** How many open gaps each of these targets has on the platform (targets without any are absent). */
    public Map<String, Long> openGaps(List<String> targetIds, Platform platform) throws IOException {
        client.indices().refresh(r -> r.index(names.coverageGaps()));
        var response = client.search(
                s -> s.index(names.coverageGaps())
                        .size(0)
                        .query(q -> q.bool(b -> b.filter(f -> f.terms(t -> t.field("target_id")
                                        .terms(v -> v.value(targetIds.stream()
                                                .map(co.elastic.clients.elasticsearch._types.FieldValue::of)
                                                .toList()))))
                                .filter(f -> f.term(t -> t.field("platform").value(platform.key())))
                                .filter(f ->
                                        f.term(t -> t.field("status").value(CoverageGapDocument.Status.OPEN.key())))))
                        .aggregations(
                                "targets",
                                a -> a.terms(t -> t.field("target_id").size(targetIds.size()))),
                Void.class);
        Map<String, Long> counts = new HashMap<>();
        response.aggregations()
                .get("targets")
                .sterms()
                .buckets()
                .array()
                .forEach(bucket -> counts.put(bucket.key().stringValue(), bucket.docCount()));
        return counts;
    }

    /**
     * For each ledger of these targets, its newest open gap a capture can re-read (one with a cursor, of a
     * {@linkplain GapReason#rereadable() re-readable} reason), keyed by ledger id. Reads at most {@value #GAPS_READ}
     * gaps, newest first: with more, the older ones wait for later captures.
     */
    public Map<String, CoverageGapDocument> rereadableGaps(List<String> targetIds) throws IOException {
        Map<String, CoverageGapDocument> found = new HashMap<>();
        if (targetIds.isEmpty()) {
            return found;
        }
        List<FieldValue> ids = targetIds.stream().map(FieldValue::of).toList();
        List<FieldValue> reasons = Arrays.stream(GapReason.values())
                .filter(GapReason::rereadable)
                .map(r -> FieldValue.of(r.key()))
                .toList();
        var response = client.search(
                s -> s.index(names.coverageGaps())
                        .size(GAPS_READ)
                        .query(q -> q.bool(b -> b.filter(
                                        f -> f.terms(t -> t.field("target_id").terms(v -> v.value(ids))))
                                .filter(f ->
                                        f.term(t -> t.field("status").value(CoverageGapDocument.Status.OPEN.key())))
                                .filter(f -> f.terms(t -> t.field("reason").terms(v -> v.value(reasons))))))
                        .sort(o -> o.field(f -> f.field("to").order(SortOrder.Desc))),
                CoverageGapDocument.class);
        for (Hit<CoverageGapDocument> hit : response.hits().hits()) {
            CoverageGapDocument gap = hit.source();
            if (gap != null && gap.cursor() != null) {
                found.putIfAbsent(DocumentIds.targetCoverage(gap.targetId(), gap.platform()), gap);
            }
        }
        return found;
    }

    /** Writes ledgers and gaps in one bulk request; a refused item is logged, the rest stand. */
    public void write(List<TargetCoverageDocument> ledgers, List<CoverageGapDocument> gaps) throws IOException {
        List<BulkOperation> operations = new ArrayList<>();
        for (TargetCoverageDocument ledger : ledgers) {
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(names.targetCoverage())
                    .id(ledger.id())
                    .requireAlias(true)
                    .document(ledger))));
        }
        for (CoverageGapDocument gap : gaps) {
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(names.coverageGaps())
                    .id(gap.id())
                    .requireAlias(true)
                    .document(gap))));
        }
        if (operations.isEmpty()) {
            return;
        }
        var response = client.bulk(b -> b.operations(operations));
        if (response.errors()) {
            response.items().stream()
                    .filter(item -> item.error() != null)
                    .forEach(item -> log.warn(
                            "Coverage ledger write {} refused: {}",
                            item.id(),
                            item.error().type()));
        }
    }
}
