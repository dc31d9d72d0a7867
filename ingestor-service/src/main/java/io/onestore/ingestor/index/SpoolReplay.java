package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the {@link Spool} once Elasticsearch answers again: every {@code bulk.outage-probe} a {@code _cluster/health}
 * probe, then the segments oldest first, each deleted only after every write in it was answered, then the memory part.
 * Runs first thing after a start too, so a restart replays what an earlier process left on disk.
 */
final class SpoolReplay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpoolReplay.class);
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(1);

    private final ElasticsearchClient client;
    private final Spool spool;
    private final WritesInFlight writes;
    private final ScheduledExecutorService replayer;

    SpoolReplay(ElasticsearchClient client, Spool spool, WritesInFlight writes, Duration probe) {
        this.client = client;
        this.spool = spool;
        this.writes = writes;
        this.replayer = Executors.newSingleThreadScheduledExecutor(r -> BulkIndexer.daemon(r, "onestore-spool-replay"));
        replayer.scheduleWithFixedDelay(this::replay, 0, probe.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void replay() {
        try {
            if (writes.isClosing() || spool.isEmpty()) {
                return;
            }
            if (!reachable()) {
                writes.reachable(false);
                return;
            }
            if (writes.isUnreachable()) {
                log.info("Elasticsearch reachable again: replaying {} spooled writes", spool.depth());
            }
            writes.reachable(true);
            replayUntilEmpty();
        } catch (RuntimeException e) {
            log.warn("Spool replay stopped, will try again: {}", e.toString());
        }
    }

    private void replayUntilEmpty() {
        while (!writes.isClosing() && !writes.isUnreachable()) {
            var segment = spool.oldestSegment();
            List<IndexWrite> spooled = segment.map(spool::read).orElseGet(spool::takeMemory);
            if (spooled.isEmpty() && segment.isEmpty()) {
                return;
            }
            long refusedBefore = writes.refusedIntoSpool();
            writes.dispatch(spooled);
            if (!writes.flush(ANSWER_TIMEOUT)) {
                return; // answers still missing: the segment stays and is replayed again (ids make that harmless)
            }
            boolean refusedAgain = writes.refusedIntoSpool() != refusedBefore;
            if (refusedAgain) {
                spool.spill(); // writes that failed again are on disk before their old segment goes
            }
            segment.ifPresent(spool::delete);
            if (refusedAgain) {
                return; // e.g. the contract is not installed yet: try again at the next probe, not in a tight loop
            }
        }
    }

    private boolean reachable() {
        try {
            client.cluster().health(h -> h.timeout(t -> t.time("5s")));
            return true;
        } catch (IOException | ElasticsearchException e) {
            return false;
        }
    }

    @Override
    public void close() {
        replayer.shutdownNow();
    }
}
