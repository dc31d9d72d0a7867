package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a campaign does to one target, as pure functions: the target document after the change, and the bulk
 * operation that writes it only if nobody (the ingestor's leases, another campaign) changed it since it was read.
 */
final class TargetEdits {

    /** A target to change, and the operation the campaign needs in it. */
    record Change(String targetId, TargetDocument.Kind kind, String value, List<Platform> platforms) {}

    /** The new target, or null to delete it (or leave it absent). */
    interface Edit {
        TargetDocument apply(Change change, TargetDocument existing);
    }

    private TargetEdits() {}

    /** Adds the campaign to the target, creating it when absent; the campaign's platforms join the target's. */
    static Edit adding(String campaignId, Instant now) {
        return (change, existing) -> {
            if (existing == null) {
                return TargetDocument.watch(
                        change.kind(), change.value(), change.platforms(), List.of(campaignId), now);
            }
            Set<String> ids = new LinkedHashSet<>(orEmpty(existing.campaignIds()));
            ids.add(campaignId);
            Set<Platform> platforms = new LinkedHashSet<>(orEmpty(existing.platforms()));
            platforms.addAll(change.platforms());
            return existing.withCampaigns(new ArrayList<>(ids), new ArrayList<>(platforms), now);
        };
    }

    /** Removes the campaign; a target no other campaign needs is deleted. */
    static Edit removing(String campaignId, Instant now) {
        return (change, existing) -> {
            if (existing == null) {
                return null;
            }
            List<String> ids = new ArrayList<>(orEmpty(existing.campaignIds()));
            ids.remove(campaignId);
            return ids.isEmpty() ? null : existing.withCampaigns(ids, existing.platforms(), now);
        };
    }

    /** The conditional write from {@code existing} to {@code updated}; null when there is nothing to do. */
    static BulkOperation operation(
            String index, Change change, TargetStore.Versioned existing, TargetDocument updated) {
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

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }
}
