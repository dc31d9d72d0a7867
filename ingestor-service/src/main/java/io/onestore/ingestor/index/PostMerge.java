package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns captured posts into writes that keep what earlier captures saw, without scripts (the test server has none):
 * one {@code mget} per batch reads the stored posts (without their {@code raw} payload) with their sequence numbers,
 * and the merge happens here.
 *
 * <ul>
 *   <li>a stored post the capture is newer than becomes an {@code index} of the whole merged document (latest metrics,
 *       but a Bluesky post's stored counts, which only the stream's counting writes, and {@code last_seen_at}, the
 *       union of {@code hashtags} and {@code found_in_tags}, the stored {@code first_seen_at}, stored fields the
 *       capture lacks, the capture's {@code raw} payload verbatim), guarded by
 *       {@code if_seq_no}/{@code if_primary_term} of the version read. This is the steady state (every cycle captures
 *       posts already stored), and an {@code index} costs Elasticsearch about half an {@code update}, which would
 *       read, parse and merge the stored source again (docs/benchmarks.md#recapture);
 *   <li>a stored post the capture is not newer than (a spool replayed after newer captures), or a capture without a
 *       {@code raw} payload, becomes an {@code update} with a partial {@code doc}, equally guarded: only the unions
 *       for an older capture, so the result does not depend on the order captures arrive in;
 *   <li>an unseen post becomes a {@code create} of the full document: the insert half of the upsert, which fails
 *       instead of overwriting when another writer created the post meanwhile.
 * </ul>
 *
 * Either way a concurrent writer (another feed of the same cycle still in the bulk buffer, another replica) makes the
 * write fail with 409; the indexer counts it and sends the post through here again, so the union survives.
 * Elasticsearch refuses the guard on an update that also carries an {@code upsert} ("upsert requests don't support
 * if_seq_no"), which is why a stored post and an unseen one take different operations.
 */
final class PostMerge {

    /**
     * Counts the latest capture owns: absent in it means unknown now (likes hidden since), so they are nulled rather
     * than left at an old value. Other absent fields (an author a Graph API hashtag feed does not carry, a caption)
     * keep what an earlier capture saw.
     */
    private static final List<String> LATEST_ONLY = List.of("likes", "comments", "views", "shares", "engagement");

    /**
     * The platform whose counts are kept on the store: Bluesky's stream posts come with {@code likes} and {@code
     * shares} 0 (live) or none (back-filled), and {@link StreamEngagement} writes the counts onto the stored post. A
     * re-capture (a replayed create, a back-fill of a post the live stream wrote) keeps stored counts instead of
     * putting its own 0 or nothing over them.
     */
    private static final String COUNTED_ON_THE_STORE = Platform.BLUESKY.key();

    private static final List<String> UNIONS = List.of("hashtags", "found_in_tags");

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final WrittenPosts written;

    PostMerge(ElasticsearchClient client, IndexNames names, WrittenPosts written) {
        this.client = client;
        this.names = names;
        this.written = written;
    }

    /** One operation per post write, in order; throws when Elasticsearch cannot be read. */
    Map<IndexWrite, BulkOperation> operations(List<IndexWrite> posts) throws IOException {
        Map<IndexWrite, BulkOperation> operations = new LinkedHashMap<>();
        if (posts.isEmpty()) {
            return operations;
        }
        // Two writes of one post in one batch (two feeds of one target): merge them here, the store sees one.
        Map<String, ObjectNode> merged = new LinkedHashMap<>();
        Map<String, IndexWrite> lastWrite = new HashMap<>();
        for (IndexWrite write : posts) {
            // No copy: nothing here changes a captured document (merge builds a new one), and a copy of each post
            // with its raw payload was a measurable share of the ingest path's CPU (docs/benchmarks.md).
            ObjectNode incoming = (ObjectNode) write.document();
            merged.merge(write.id(), incoming, (earlier, later) -> merge(earlier, later));
            lastWrite.put(write.id(), write);
        }
        Map<String, WrittenPosts.Stored> stored = read(merged.keySet());
        String alias = names.posts();
        for (Map.Entry<String, ObjectNode> entry : merged.entrySet()) {
            String id = entry.getKey();
            ObjectNode captured = entry.getValue();
            IndexWrite write = lastWrite.get(id);
            WrittenPosts.Stored existing = stored.get(id);
            BulkOperation operation;
            if (existing == null) {
                written.sending(write, captured);
                operation = BulkOperation.of(b ->
                        b.create(c -> c.index(alias).id(id).requireAlias(true).document(captured)));
            } else if (replaceable(existing.source(), captured)) {
                ObjectNode document = whole(existing.source(), captured);
                written.sending(write, document);
                operation = BulkOperation.of(b -> b.index(i -> i.index(alias)
                        .id(id)
                        .ifSeqNo(existing.seqNo())
                        .ifPrimaryTerm(existing.primaryTerm())
                        .requireAlias(true)
                        .document(document)));
            } else {
                written.forget(id);
                ObjectNode doc = partial(existing.source(), captured, merge(existing.source(), captured));
                operation = BulkOperation.of(b -> b.update(u -> u.index(alias)
                        .id(id)
                        .ifSeqNo(existing.seqNo())
                        .ifPrimaryTerm(existing.primaryTerm())
                        .requireAlias(true)
                        .<JsonNode, JsonNode>action(a -> a.doc(doc))));
            }
            operations.put(write, operation);
        }
        return operations;
    }

    /** The stored posts among {@code ids}: remembered from this indexer's own writes, the rest read in one mget. */
    private Map<String, WrittenPosts.Stored> read(Set<String> ids) throws IOException {
        Map<String, WrittenPosts.Stored> stored = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            WrittenPosts.Stored remembered = written.stored(id);
            if (remembered != null) {
                stored.put(id, remembered);
            } else {
                unknown.add(id);
            }
        }
        if (unknown.isEmpty()) {
            return stored;
        }
        MgetResponse<ObjectNode> response =
                client.mget(m -> m.index(names.posts()).ids(unknown).sourceExcludes("raw"), ObjectNode.class);
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isFailure()) {
                throw new IOException("cannot read stored post "
                        + item.failure().id() + ": " + item.failure().error().type());
            }
            GetResult<ObjectNode> result = item.result();
            if (result.found() && result.source() != null) {
                stored.put(result.id(), new WrittenPosts.Stored(result.source(), result.seqNo(), result.primaryTerm()));
            }
        }
        return stored;
    }

    /**
     * The full document after this capture: the newer capture's fields, the earliest first sighting, all tags. A new
     * top-level object; its nested values are shared with the inputs, which neither this nor its callers change.
     */
    static ObjectNode merge(ObjectNode older, ObjectNode newer) {
        boolean newerIsLatest = !seenAt(newer).isBefore(seenAt(older));
        ObjectNode latest = JsonNodeFactory.instance.objectNode();
        latest.setAll(newerIsLatest ? newer : older);
        ObjectNode other = newerIsLatest ? older : newer;
        if (latest.path("raw").isMissingNode() && other.has("raw")) {
            latest.set("raw", other.get("raw"));
        }
        for (String field : UNIONS) {
            latest.set(field, union(older.path(field), newer.path(field)));
        }
        if (COUNTED_ON_THE_STORE.equals(older.path("platform").asText())) {
            // Known beats unknown: a post the live stream wrote (from 0) after a back-fill wrote it (no counts) is
            // counted from then on; once known, only the stream's counting changes them.
            ObjectNode counted = older.hasNonNull("likes") ? older : newer;
            for (String field : LATEST_ONLY) {
                latest.remove(field);
                if (counted.hasNonNull(field)) {
                    latest.set(field, counted.get(field));
                }
            }
        }
        Instant firstSeen = earliest(older.path("first_seen_at"), newer.path("first_seen_at"));
        if (firstSeen != null) {
            latest.put("first_seen_at", firstSeen.toString());
        }
        return latest;
    }

    /**
     * The update's {@code doc}: everything of the merged document but {@code first_seen_at}, with explicit nulls for
     * latest-only fields the capture lacks. When the stored post is newer than the capture, only the unions.
     */
    private static ObjectNode partial(ObjectNode stored, ObjectNode captured, ObjectNode merged) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        if (seenAt(captured).isBefore(seenAt(stored))) {
            UNIONS.forEach(field -> doc.set(field, merged.get(field)));
            return doc;
        }
        doc.setAll(merged);
        doc.remove("first_seen_at");
        for (String field : LATEST_ONLY) {
            if (!doc.has(field)) {
                doc.putNull(field);
            }
        }
        return doc;
    }

    /**
     * True when the stored post can be replaced by a whole document built here: the capture is at least as new and
     * brings its {@code raw} payload, the one stored field the {@code mget} does not read.
     */
    private static boolean replaceable(ObjectNode stored, ObjectNode captured) {
        return !seenAt(captured).isBefore(seenAt(stored))
                && captured.path("raw").isObject();
    }

    /**
     * The stored post after this capture, exactly as the partial update would leave it: the partial {@code doc}
     * applied onto the stored source the way Elasticsearch applies one (objects merged field by field, anything else
     * replaced), except {@code raw}, which is the capture's payload verbatim rather than a blend of two payloads.
     */
    static ObjectNode whole(ObjectNode stored, ObjectNode captured) {
        ObjectNode document = stored.deepCopy();
        ObjectNode doc = partial(stored, captured, merge(stored, captured));
        doc.properties().forEach(field -> {
            if (field.getKey().equals("raw")) {
                document.set("raw", field.getValue());
            } else {
                apply(document, field.getKey(), field.getValue());
            }
        });
        return document;
    }

    private static void apply(ObjectNode target, String name, JsonNode value) {
        JsonNode current = target.get(name);
        if (value.isObject() && current != null && current.isObject()) {
            value.properties().forEach(field -> apply((ObjectNode) current, field.getKey(), field.getValue()));
        } else {
            target.set(name, value);
        }
    }

    private static ArrayNode union(JsonNode a, JsonNode b) {
        Set<String> values = new LinkedHashSet<>();
        a.forEach(value -> values.add(value.asText()));
        b.forEach(value -> values.add(value.asText()));
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static Instant seenAt(ObjectNode post) {
        JsonNode value = post.path("last_seen_at");
        return value.isTextual() ? Instant.parse(value.asText()) : Instant.EPOCH;
    }

    private static Instant earliest(JsonNode a, JsonNode b) {
        List<Instant> instants = new ArrayList<>();
        for (JsonNode value : List.of(a, b)) {
            if (value.isTextual()) {
                instants.add(Instant.parse(value.asText()));
            }
        }
        return instants.stream().min(Instant::compareTo).orElse(null);
    }
}
