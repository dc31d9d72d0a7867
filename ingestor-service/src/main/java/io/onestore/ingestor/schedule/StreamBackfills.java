package io.onestore.ingestor.schedule;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream's back-fills: started for tags new to the stream, told of the deletions the stream sees while they
 * write, and their unapplied deletions taken over when they end. Driven by the stream's batch worker.
 */
final class StreamBackfills {

    // The stream's one logger: its trace is the consumer's, whichever part logs it.
    private static final Logger log = LoggerFactory.getLogger(JetstreamConsumer.class);

    private final JetstreamBackfill backfill;
    private final WatchedBluesky watched;
    /** Tags already asked whether they are new to the stream (worker-owned). */
    private final Set<String> checked = new HashSet<>();

    private final List<JetstreamBackfill.Run> runs = new CopyOnWriteArrayList<>();

    StreamBackfills(JetstreamBackfill backfill, WatchedBluesky watched) {
        this.backfill = backfill;
        this.watched = watched;
    }

    /** Back-fills running, or over with deletions the live stream has not taken over yet. */
    int size() {
        return runs.size();
    }

    void disposeAll() {
        runs.forEach(JetstreamBackfill.Run::dispose);
    }

    /** The live stream saw this post deleted: a back-fill writing it deletes it after its last write. */
    void deletedLive(String postId) {
        runs.forEach(run -> run.deletedLive().add(postId));
    }

    /** Tags new to the stream (no ledger yet) are replayed from an older cursor on a second connection. */
    void startForNew(Set<String> tags, Instant liveFrom, URI endpoint, Supplier<Long> livePosition) {
        if (!backfill.enabled() || checked.containsAll(tags)) {
            return;
        }
        Set<String> fresh = new HashSet<>(tags);
        fresh.removeAll(checked);
        try {
            Set<String> unknown = watched.tagCoverage().unknown(fresh);
            checked.addAll(fresh);
            if (!unknown.isEmpty()) {
                runs.add(backfill.start(unknown, endpoint, liveFrom, livePosition));
            }
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Cannot tell whether Bluesky {} are new to the stream; asking again next batch: {}",
                    fresh,
                    e.toString());
        }
    }

    /**
     * Deletions a finished back-fill could not apply join the stream's own, tried at every batch until done. They are
     * older than the stream's position, so they do not hold the cursor ({@link Long#MAX_VALUE} as their time): a
     * restart would not read them again, and what this process does not apply is lost with it, as the rest of a
     * back-fill cut short is.
     */
    void takeOverDeletions(Map<String, Long> pendingDeletes) {
        for (JetstreamBackfill.Run run : runs) {
            if (run.handedOver().get()) {
                run.unapplied().forEach(id -> pendingDeletes.putIfAbsent(id, Long.MAX_VALUE));
            }
        }
        runs.removeIf(run -> run.handedOver().get());
    }
}
