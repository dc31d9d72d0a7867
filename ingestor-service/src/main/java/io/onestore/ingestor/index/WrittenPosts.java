package io.onestore.ingestor.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.model.json.ContractJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The posts this indexer wrote last, with the sequence number Elasticsearch gave each write: what a recapture would
 * otherwise read back with an {@code mget}. Every cycle captures posts that are already stored, and the read was
 * half the cost of a recapture (docs/benchmarks.md#recapture).
 *
 * <p>Remembering is safe because the writes built on it stay guarded by {@code if_seq_no}/{@code if_primary_term}: if
 * anyone else changed the post since (another replica, a re-score, a deletion), Elasticsearch answers 409 and the
 * post is merged again from a fresh read; a stale entry costs a retry, never a lost tag or first sighting.
 *
 * <p>An entry is first pending (the document is sent, its sequence number not known) and becomes usable once the
 * same write is answered. A later write of the same post replaces the pending entry, so an answer of an earlier write
 * never pairs its sequence number with another write's document. The least recently used posts are forgotten beyond
 * {@code bulk.remember-posts} (about 0.6 KB each, without {@code raw}, which the merge never reads).
 */
final class WrittenPosts {

    private static final ObjectMapper JSON = ContractJson.mapper();

    /** The stored post as the merge needs it. */
    record Stored(ObjectNode source, long seqNo, long primaryTerm) {}

    private record Entry(IndexWrite pendingWrite, byte[] source, long seqNo, long primaryTerm) {}

    // Guarded by itself: written by the merge (the indexer's callers) and the answers' worker thread.
    private final Map<String, Entry> entries;

    WrittenPosts(int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The post as this indexer last wrote it and Elasticsearch confirmed, or null. */
    Stored stored(String id) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(id);
        }
        if (entry == null || entry.pendingWrite() != null) {
            return null;
        }
        try {
            return new Stored((ObjectNode) JSON.readTree(entry.source()), entry.seqNo(), entry.primaryTerm());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable remembered post " + id, e);
        }
    }

    /** The whole document {@code write} is about to store for its post. */
    void sending(IndexWrite write, ObjectNode document) {
        ObjectNode source = document.deepCopy();
        source.remove("raw");
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(source);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        synchronized (entries) {
            entries.put(write.id(), new Entry(write, bytes, -1, -1));
        }
    }

    /** A write that sends no whole document (a partial update): what is remembered of its post no longer holds. */
    void forget(String id) {
        synchronized (entries) {
            entries.remove(id);
        }
    }

    /** Elasticsearch stored {@code write} as this version. */
    void stored(IndexWrite write, long seqNo, long primaryTerm) {
        synchronized (entries) {
            Entry entry = entries.get(write.id());
            if (entry != null && entry.pendingWrite() == write) {
                entries.put(write.id(), new Entry(null, entry.source(), seqNo, primaryTerm));
            }
        }
    }

    /** {@code write} was not stored (conflict, refusal, outage): its post must be read again next time. */
    void notStored(IndexWrite write) {
        synchronized (entries) {
            Entry entry = entries.get(write.id());
            if (entry != null && (entry.pendingWrite() == write || entry.pendingWrite() == null)) {
                entries.remove(write.id());
            }
        }
    }
}
