package io.onestore.ingestor.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * What one cycle did; {@link #toString()} is the cycle's log line.
 *
 * @param due target fetches leased this cycle (one per target and platform)
 * @param fetched fetches that captured something
 * @param failed fetches that failed: their targets stay due
 * @param deferred due targets the accounts had no call left for: not leased (or leased and given back untouched when
 *     the pool ran dry within a page); they stay due for the next cycle, neither failed nor gapped
 * @param documentsIndexed documents Elasticsearch accepted while the cycle ran
 * @param spooled writes waiting in the spool at the end of the cycle
 * @param skipped why the cycle fetched nothing, or null
 */
public record CycleReport(
        Instant startedAt,
        int due,
        int fetched,
        int failed,
        int deferred,
        long documentsIndexed,
        int spooled,
        Duration duration,
        String skipped) {

    static CycleReport skipped(Instant startedAt, Duration duration, int spooled, String why) {
        return new CycleReport(startedAt, 0, 0, 0, 0, 0, spooled, duration, why);
    }

    @Override
    public String toString() {
        String line = "Ingest cycle: due=%d fetched=%d failed=%d deferred=%d indexed=%d spooled=%d duration=%dms"
                .formatted(due, fetched, failed, deferred, documentsIndexed, spooled, duration.toMillis());
        return skipped == null ? line : line + " skipped=\"" + skipped + "\"";
    }
}
