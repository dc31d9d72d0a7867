package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import io.onestore.query.web.StoreUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code onestore-targets} in step with the campaigns: a campaign's hashtags and handles are targets carrying
 * its id in {@code campaign_ids}; a target whose last campaign goes is deleted.
 *
 * <p>The ingestor writes the same documents (leases, last outcome), so every change of an existing target is a
 * read-modify-write guarded by {@code if_seq_no}/{@code if_primary_term}: a conflict re-reads that target and
 * applies the change again, and nothing the ingestor wrote meanwhile is lost. Every write sets {@code require_alias}
 * so that a missing alias is an error, never an index auto-created with a guessed mapping.
 */
@Component
class CampaignTargets {

    private static final Logger log = LoggerFactory.getLogger(CampaignTargets.class);
    private static final int ATTEMPTS = 5;
    static final int MAX_TARGETS_PER_CAMPAIGN = 1000;

    /** A target to change, and the operation the campaign needs in it. */
    record Change(String targetId, TargetDocument.Kind kind, String value, List<Platform> platforms) {}

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Clock clock;

    CampaignTargets(ElasticsearchClient client, IndexNames names, Clock clock) {
        this.client = client;
        this.names = names;
        this.clock = clock;
    }

    /**
     * Adds {@code campaignId} to every target (creating the ones that do not exist), in the same bulk request as
     * {@code first} (the campaign document itself), so creating a campaign takes two round trips.
     */
    void add(String campaignId, List<Change> changes, BulkOperation first) throws IOException {
        Map<String, Change> pending = new LinkedHashMap<>();
        changes.forEach(c -> pending.put(c.targetId(), c));
        apply(pending, read(pending.keySet()), first, (change, existing) -> {
            Instant now = clock.instant();
            if (existing == null) {
                return TargetDocument.watch(
                        change.kind(), change.value(), change.platforms(), List.of(campaignId), now);
            }
            Set<String> ids = new LinkedHashSet<>(orEmpty(existing.campaignIds()));
            ids.add(campaignId);
            Set<Platform> platforms = new LinkedHashSet<>(orEmpty(existing.platforms()));
            platforms.addAll(change.platforms());
            return existing.withCampaigns(new ArrayList<>(ids), new ArrayList<>(platforms), now);
        });
    }

    /**
     * Removes {@code campaignId} from the targets that carry it, deleting those no other campaign needs, in the same
     * bulk request as {@code first} (the deletion of the campaign): two round trips. Returns the bulk item of
     * {@code first}.
     */
    BulkResponseItem remove(String campaignId, BulkOperation first) throws IOException {
        Map<String, Versioned> current = readByCampaign(campaignId);
        Map<String, Change> pending = new LinkedHashMap<>();
        current.forEach((id, v) -> pending.put(
                id, new Change(id, v.doc().kind(), v.doc().value(), v.doc().platforms())));
        return apply(pending, current, first, (change, existing) -> {
            if (existing == null) {
                return null;
            }
            List<String> ids = new ArrayList<>(orEmpty(existing.campaignIds()));
            ids.remove(campaignId);
            return ids.isEmpty() ? null : existing.withCampaigns(ids, existing.platforms(), clock.instant());
        });
    }

    private interface Edit {
        /** The new target, or null to delete it (or leave it absent). */
        TargetDocument apply(Change change, TargetDocument existing);
    }

    private record Versioned(TargetDocument doc, long seqNo, long primaryTerm) {}

    private BulkResponseItem apply(
            Map<String, Change> pending, Map<String, Versioned> firstRead, BulkOperation first, Edit edit)
            throws IOException {
        BulkResponseItem firstItem = null;
        BulkOperation head = first;
        for (int attempt = 1; attempt <= ATTEMPTS && (head != null || !pending.isEmpty()); attempt++) {
            Map<String, Versioned> current = attempt == 1 ? firstRead : read(pending.keySet());
            List<BulkOperation> operations = new ArrayList<>();
            if (head != null) {
                operations.add(head);
            }
            List<String> order = new ArrayList<>();
            for (Change change : pending.values()) {
                Versioned existing = current.get(change.targetId());
                BulkOperation op =
                        operation(change, existing, edit.apply(change, existing == null ? null : existing.doc()));
                if (op != null) {
                    operations.add(op);
                    order.add(change.targetId());
                }
            }
            pending.keySet().retainAll(order);
            if (operations.isEmpty()) {
                break;
            }
            BulkResponse response =
                    client.bulk(b -> b.operations(operations).requireAlias(true).refresh(Refresh.WaitFor));
            List<BulkResponseItem> items = response.items();
            int offset = 0;
            if (head != null) {
                firstItem = items.get(0);
                if (firstItem.error() != null) {
                    failIfContractMissing(firstItem.error());
                    // Its targets may already carry its id and would outlive it. Rare (one document of an accepted bulk
                    // refused) and logged; a cleanup of dangling campaign ids is left to a later change.
                    throw new StoreUnavailableException(
                            "campaign write failed: " + firstItem.error().type(), null, false);
                }
                head = null;
                offset = 1;
            }
            for (int i = 0; i < order.size(); i++) {
                BulkResponseItem item = items.get(i + offset);
                ErrorCause error = item.error();
                if (error == null
                        || item.status() == 404
                                && "delete".equals(item.operationType().jsonValue())) {
                    pending.remove(order.get(i));
                } else if (item.status() != 409) {
                    failIfContractMissing(error);
                    throw new StoreUnavailableException("target write failed: " + error.type(), null, false);
                }
            }
        }
        if (!pending.isEmpty()) {
            log.warn("targets {} still conflicting after {} attempts", pending.keySet(), ATTEMPTS);
            throw new ApiException(ProblemType.CONFLICT, "targets are being updated concurrently; retry the request");
        }
        return firstItem;
    }

    private BulkOperation operation(Change change, Versioned existing, TargetDocument updated) {
        String index = names.targets();
        if (updated == null) {
            if (existing == null) {
                return null;
            }
            return BulkOperation.of(o -> o.delete(d -> d.index(index)
                    .id(change.targetId())
                    .ifSeqNo(existing.seqNo())
                    .ifPrimaryTerm(existing.primaryTerm())));
        }
        if (existing == null) {
            return BulkOperation.of(
                    o -> o.create(c -> c.index(index).id(change.targetId()).document(updated)));
        }
        return BulkOperation.of(o -> o.index(i -> i.index(index)
                .id(change.targetId())
                .ifSeqNo(existing.seqNo())
                .ifPrimaryTerm(existing.primaryTerm())
                .document(updated)));
    }

    private Map<String, Versioned> read(Set<String> ids) throws IOException {
        Map<String, Versioned> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        MgetResponse<TargetDocument> response =
                client.mget(m -> m.index(names.targets()).ids(new ArrayList<>(ids)), TargetDocument.class);
        for (MultiGetResponseItem<TargetDocument> item : response.docs()) {
            if (item.isFailure()) {
                failIfContractMissing(item.failure().error());
                throw new StoreUnavailableException(
                        "target read failed: " + item.failure().error().type(), null, false);
            }
            var result = item.result();
            if (result.found()) {
                found.put(result.id(), new Versioned(result.source(), result.seqNo(), result.primaryTerm()));
            }
        }
        return found;
    }

    /** Targets referring to a campaign; bounded, a campaign has at most 2 × max-hashtags targets. */
    private Map<String, Versioned> readByCampaign(String campaignId) throws IOException {
        var response = client.search(
                s -> s.index(names.targets())
                        .query(q -> q.term(t -> t.field("campaign_ids").value(campaignId)))
                        .seqNoPrimaryTerm(true)
                        .size(MAX_TARGETS_PER_CAMPAIGN),
                TargetDocument.class);
        Map<String, Versioned> found = new LinkedHashMap<>();
        response.hits().hits().forEach(h -> found.put(h.id(), new Versioned(h.source(), h.seqNo(), h.primaryTerm())));
        return found;
    }

    private static void failIfContractMissing(ErrorCause error) {
        if (error != null && "index_not_found_exception".equals(error.type())) {
            throw new StoreUnavailableException("alias missing", null, true);
        }
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }
}
