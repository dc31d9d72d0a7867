package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import io.onestore.query.web.StoreErrors;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code onestore-targets} in step with the campaigns: a campaign's hashtags and handles are targets carrying
 * its id in {@code campaign_ids}; a target whose last campaign goes is deleted.
 *
 * <p>The ingestor writes the same documents (leases, last outcome), so every change of an existing target is a
 * read-modify-write guarded by {@code if_seq_no}/{@code if_primary_term} ({@link TargetEdits}): a conflict re-reads
 * that target and applies the change again, and nothing the ingestor wrote meanwhile is lost.
 */
@Component
class CampaignTargets {

    private static final Logger log = LoggerFactory.getLogger(CampaignTargets.class);
    private static final int ATTEMPTS = 5;

    private final TargetStore store;
    private final Clock clock;

    CampaignTargets(TargetStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Adds {@code campaignId} to every target (creating the ones that do not exist), in the same bulk request as
     * {@code first} (the campaign document itself), so creating a campaign takes two round trips. Throws when
     * {@code first} or any target write failed; the caller undoes what did get written ({@link #remove}).
     */
    void add(String campaignId, List<TargetEdits.Change> changes, BulkOperation first) throws IOException {
        Map<String, TargetEdits.Change> pending = new LinkedHashMap<>();
        changes.forEach(c -> pending.put(c.targetId(), c));
        BulkResponseItem item =
                apply(pending, store.read(pending.keySet()), first, TargetEdits.adding(campaignId, clock.instant()));
        if (item != null && item.error() != null) {
            throw StoreErrors.of(item.error(), item.status(), "campaign write");
        }
    }

    /**
     * Removes {@code campaignId} from the targets that carry it, deleting those no other campaign needs, in the same
     * bulk request as {@code first} (the deletion of the campaign): two round trips. Returns the bulk item of
     * {@code first}.
     */
    BulkResponseItem remove(String campaignId, BulkOperation first) throws IOException {
        Map<String, TargetStore.Versioned> current = store.readByCampaign(campaignId);
        Map<String, TargetEdits.Change> pending = new LinkedHashMap<>();
        current.forEach((id, v) -> pending.put(
                id,
                new TargetEdits.Change(
                        id, v.doc().kind(), v.doc().value(), v.doc().platforms())));
        return apply(pending, current, first, TargetEdits.removing(campaignId, clock.instant()));
    }

    /**
     * Writes the edits, retrying conflicting targets on a fresh read; {@code first} rides along in the first bulk
     * only. Returns {@code first}'s item (its failure is the caller's to judge); a failed target write throws.
     */
    private BulkResponseItem apply(
            Map<String, TargetEdits.Change> pending,
            Map<String, TargetStore.Versioned> firstRead,
            BulkOperation first,
            TargetEdits.Edit edit)
            throws IOException {
        BulkResponseItem firstItem = null;
        BulkOperation head = first;
        for (int attempt = 1; attempt <= ATTEMPTS && (head != null || !pending.isEmpty()); attempt++) {
            Map<String, TargetStore.Versioned> current = attempt == 1 ? firstRead : store.read(pending.keySet());
            List<BulkOperation> operations = new ArrayList<>();
            if (head != null) {
                operations.add(head);
            }
            List<String> order = new ArrayList<>();
            for (TargetEdits.Change change : pending.values()) {
                TargetStore.Versioned existing = current.get(change.targetId());
                BulkOperation op = TargetEdits.operation(
                        store.index(), change, existing, edit.apply(change, existing == null ? null : existing.doc()));
                if (op != null) {
                    operations.add(op);
                    order.add(change.targetId());
                }
            }
            pending.keySet().retainAll(order);
            if (operations.isEmpty()) {
                break;
            }
            List<BulkResponseItem> items = store.write(operations);
            int offset = 0;
            if (head != null) {
                firstItem = items.get(0);
                head = null;
                offset = 1;
            }
            for (int i = 0; i < order.size(); i++) {
                BulkResponseItem item = items.get(i + offset);
                boolean goneAlready = item.status() == 404
                        && "delete".equals(item.operationType().jsonValue());
                if (item.error() == null || goneAlready) {
                    pending.remove(order.get(i));
                } else if (item.status() != 409) {
                    throw StoreErrors.of(item.error(), item.status(), "target write");
                }
            }
        }
        if (!pending.isEmpty()) {
            log.warn("targets {} still conflicting after {} attempts", pending.keySet(), ATTEMPTS);
            throw new ApiException(ProblemType.CONFLICT, "targets are being updated concurrently; retry the request");
        }
        return firstItem;
    }
}
