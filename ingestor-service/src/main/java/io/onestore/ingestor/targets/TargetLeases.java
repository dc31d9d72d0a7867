package io.onestore.ingestor.targets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targets in {@code onestore-targets} and the leases that let several ingestor replicas share them. A target is
 * due when it was never fetched or its last successful fetch is one interval old; a replica fetches it only after
 * writing its own lease with {@code if_seq_no}/{@code if_primary_term} of the version it read, so of two replicas
 * that read the same version exactly one succeeds (the other gets 409). A fetch that fails leaves
 * {@code last_fetched_at} alone: the target stays due. Elasticsearch is the coordinator; there is no other.
 */
public final class TargetLeases {

    private static final Logger log = LoggerFactory.getLogger(TargetLeases.class);

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Duration interval;
    private final Duration lease;
    private final String owner;
    private final int maxTargets;
    // The planner's interval per target id (docs/coverage.md), replaced whole after each plan; absent: interval.
    private volatile Map<String, Duration> planned = Map.of();

    public TargetLeases(
            ElasticsearchClient client,
            IndexNames names,
            Duration interval,
            Duration lease,
            String owner,
            int maxTargets) {
        this.client = client;
        this.names = names;
        this.interval = interval;
        this.lease = lease;
        this.owner = owner;
        this.maxTargets = maxTargets;
    }

    /** Uses the planner's intervals from now on; a target it does not name is due one {@code interval} later. */
    public void usePlannedIntervals(Map<String, Duration> intervals) {
        planned = Map.copyOf(intervals);
    }

    public String owner() {
        return owner;
    }

    /**
     * Gives every file target a document so it can be leased; existing documents are left as they are. When this
     * created any, the targets index is refreshed so this very cycle sees them (searches are near-real-time).
     */
    public void register(List<Target> fileTargets, Instant now) throws IOException {
        try {
            create(fileTargets, now);
        } catch (ElasticsearchException refused) {
            throw unavailable(refused);
        }
    }

    private void create(List<Target> fileTargets, Instant now) throws IOException {
        if (fileTargets.isEmpty()) {
            return;
        }
        // One document per target across platforms: "#nike" and "#nike mastodon" are one target on two platforms.
        Map<String, TargetDocument> wanted = new LinkedHashMap<>();
        for (Target target : fileTargets) {
            wanted.merge(
                    target.id(),
                    TargetDocument.watch(target.kind(), target.value(), List.of(target.platform()), List.of(), now),
                    (a, b) -> a.withCampaigns(a.campaignIds(), union(a.platforms(), b.platforms()), now));
        }
        List<BulkOperation> creates = wanted.values().stream()
                .map(document -> BulkOperation.of(b -> b.create(c -> c.index(names.targets())
                        .id(document.id())
                        .requireAlias(true)
                        .document(document))))
                .toList();
        BulkResponse response = client.bulk(b -> b.operations(creates));
        int created = 0;
        List<TargetDocument> existing = new ArrayList<>();
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                created++;
            } else if (item.status() == 409) {
                existing.add(wanted.get(item.id()));
            } else {
                log.warn(
                        "Cannot register target {}: {} {}",
                        item.id(),
                        item.error().type(),
                        item.error().reason());
            }
        }
        int widened = addPlatforms(existing, now);
        if (created + widened > 0) {
            log.info("Registered {} new targets from the targets file, {} on new platforms", created, widened);
            client.indices().refresh(r -> r.index(names.targets()));
        }
    }

    /**
     * Adds the platforms the file names to targets that exist without them (the file gained a platform, or a campaign
     * created the target first); written with the read version, so a concurrent lease or campaign write wins and the
     * next cycle tries again.
     */
    private int addPlatforms(List<TargetDocument> fromFile, Instant now) throws IOException {
        if (fromFile.isEmpty()) {
            return 0;
        }
        var read = client.mget(
                m -> m.index(names.targets())
                        .ids(fromFile.stream().map(TargetDocument::id).toList()),
                TargetDocument.class);
        List<BulkOperation> updates = new ArrayList<>();
        for (int i = 0; i < fromFile.size(); i++) {
            var item = read.docs().get(i);
            if (!item.isResult() || !item.result().found() || item.result().source() == null) {
                continue;
            }
            List<Platform> stored = LeasedTarget.platformsOf(item.result().source());
            List<Platform> merged = union(stored, fromFile.get(i).platforms());
            if (merged.size() > stored.size()) {
                ObjectNode fields = JsonNodeFactory.instance.objectNode();
                merged.forEach(p -> fields.withArray("platforms").add(p.key()));
                fields.put("updated_at", now.toString());
                updates.add(update(
                        item.result().id(), item.result().seqNo(), item.result().primaryTerm(), fields));
            }
        }
        if (updates.isEmpty()) {
            return 0;
        }
        BulkResponse response = client.bulk(b -> b.operations(updates));
        return (int) response.items().stream().filter(it -> it.error() == null).count();
    }

    private static List<Platform> union(List<Platform> a, List<Platform> b) {
        Set<Platform> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * The due targets, not yet leased: those with a campaign, and file targets still in {@code fileTargetIds} (a file
     * target removed from the file is no longer watched; its document stays for the record). One search per cycle; the
     * cycle then leases them page by page with {@link #lease}.
     */
    public DueTargets due(Set<String> fileTargetIds, Instant now) throws IOException {
        try {
            List<Hit<TargetDocument>> due = client
                    .search(s -> s.index(names.targets()).size(maxTargets).seqNoPrimaryTerm(true), TargetDocument.class)
                    .hits()
                    .hits()
                    .stream()
                    .filter(hit -> hit.source() != null)
                    .filter(hit -> isWatched(hit.source(), fileTargetIds) && isDue(hit.source(), now))
                    .toList();
            return new DueTargets(due, this::dueSince);
        } catch (ElasticsearchException refused) {
            throw unavailable(refused);
        }
    }

    /**
     * Leases the next page of {@code due}: at most {@code page} targets, and no more than {@code capacity} says the
     * accounts can serve now. Each lease is written with the version the cycle read, so a target another replica took
     * or completed since is skipped (409), never leased twice. An empty list with targets still waiting means the
     * accounts can serve none of them now.
     */
    public List<LeasedTarget> lease(DueTargets due, int page, CaptureCapacity capacity, Instant now)
            throws IOException {
        try {
            return lease(due.take(page, capacity), now);
        } catch (ElasticsearchException refused) {
            throw unavailable(refused);
        }
    }

    /**
     * An Elasticsearch refusal as the checked exception callers already handle for an unreachable server, so the
     * scheduler needs no Elasticsearch types: either way this cycle cannot lease and skips.
     */
    private static IOException unavailable(ElasticsearchException refused) {
        return new IOException(refused.toString(), refused);
    }

    private List<LeasedTarget> lease(List<Hit<TargetDocument>> due, Instant now) throws IOException {
        if (due.isEmpty()) {
            return List.of();
        }
        Instant until = now.plus(lease);
        List<BulkOperation> leases = due.stream()
                .map(hit -> update(hit.id(), hit.seqNo(), hit.primaryTerm(), leaseFields(until, now)))
                .toList();
        BulkResponse response = client.bulk(b -> b.operations(leases));
        List<LeasedTarget> leased = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            BulkResponseItem item = response.items().get(i);
            if (item.error() == null) {
                TargetDocument read = due.get(i).source();
                leased.add(new LeasedTarget(read.withLease(owner, until), item.seqNo(), item.primaryTerm()));
            } else if (item.status() != 409) {
                log.warn(
                        "Cannot lease target {}: {} {}",
                        item.id(),
                        item.error().type(),
                        item.error().reason());
            }
        }
        return leased;
    }

    /**
     * The watched targets on {@code platform}, without leasing them: a stream reads all its targets at once, all the
     * time, instead of capturing each when it falls due.
     */
    public List<Target> watched(Platform platform, Set<String> fileTargetIds) throws IOException {
        try {
            return client
                    .search(s -> s.index(names.targets()).size(maxTargets), TargetDocument.class)
                    .hits()
                    .hits()
                    .stream()
                    .map(Hit::source)
                    .filter(d -> d != null
                            && isWatched(d, fileTargetIds)
                            && LeasedTarget.platformsOf(d).contains(platform))
                    .map(d -> new Target(d.kind(), d.value(), platform))
                    .toList();
        } catch (ElasticsearchException refused) {
            throw unavailable(refused);
        }
    }

    /**
     * Ends a lease: a success moves {@code last_fetched_at} to the capture time (the target is next due one interval
     * later), a failure records only its outcome, so the target is due again at the next tick; a fetch not started
     * records nothing but the lease's end.
     */
    public void complete(List<Completion> completions, Instant now) {
        if (completions.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = completions.stream()
                .map(c -> {
                    ObjectNode fields = JsonNodeFactory.instance.objectNode();
                    fields.putNull("lease_owner").putNull("lease_until");
                    fields.put("updated_at", now.toString());
                    if (c.outcome() != null) {
                        fields.put("last_outcome", c.outcome());
                    }
                    if (c.fetchedAt() != null) {
                        fields.put("last_fetched_at", c.fetchedAt().toString());
                    }
                    return update(
                            c.target().id(), c.target().seqNo(), c.target().primaryTerm(), fields);
                })
                .toList();
        try {
            BulkResponse response = client.bulk(b -> b.operations(operations));
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null) {
                    // 409: the lease ran out and another replica took the target; its completion counts.
                    log.warn(
                            "Lease of {} not completed: {}",
                            item.id(),
                            item.error().type());
                }
            }
        } catch (IOException | ElasticsearchException e) {
            // The leases run out by themselves and the targets fall due again: fetched twice, indexed once.
            log.warn("Cannot complete {} target leases: {}", completions.size(), e.toString());
        }
    }

    /**
     * How a leased target's fetch ended; {@code fetchedAt} is absent when it failed, {@code outcome} when it was not
     * started (no account had a call left: the lease is given back and the last outcome stays).
     */
    public record Completion(LeasedTarget target, Instant fetchedAt, String outcome) {}

    private boolean isWatched(TargetDocument document, Set<String> fileTargetIds) {
        boolean campaign =
                document.campaignIds() != null && !document.campaignIds().isEmpty();
        return campaign || fileTargetIds.contains(document.id());
    }

    /** Since when the target is due: one (planned) interval after its last fetch, or since it was created. */
    private Instant dueSince(TargetDocument document) {
        if (document.lastFetchedAt() != null) {
            return document.lastFetchedAt().plus(planned.getOrDefault(document.id(), interval));
        }
        return document.createdAt() != null ? document.createdAt() : Instant.EPOCH;
    }

    private boolean isDue(TargetDocument document, Instant now) {
        boolean leasedByOther = document.leaseUntil() != null
                && document.leaseUntil().isAfter(now)
                && !owner.equals(document.leaseOwner());
        boolean fetchedRecently =
                document.lastFetchedAt() != null && dueSince(document).isAfter(now);
        return !leasedByOther && !fetchedRecently;
    }

    private ObjectNode leaseFields(Instant until, Instant now) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("lease_owner", owner).put("lease_until", until.toString()).put("updated_at", now.toString());
        return fields;
    }

    private BulkOperation update(String id, Long seqNo, Long primaryTerm, ObjectNode fields) {
        return BulkOperation.of(b -> b.<ObjectNode, ObjectNode>update(u -> u.index(names.targets())
                .id(id)
                .ifSeqNo(seqNo)
                .ifPrimaryTerm(primaryTerm)
                .requireAlias(true)
                .action(a -> a.doc(fields))));
    }
}
