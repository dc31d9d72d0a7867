package io.onestore.ingestor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code onestore.ingest.*}: what to watch, how often, and how documents reach Elasticsearch.
 *
 * @param interval how often each target is captured
 * @param targetsFile the seed's tags.txt format plus {@code @handle}s; absent: only campaign targets
 * @param spoolDir where writes wait on disk while Elasticsearch is unreachable (flat here, not under {@code bulk},
 *     so that {@code ONESTORE_INGEST_SPOOL_DIR} binds to exactly one key)
 * @param captureBucket size of the capture buckets in snapshot and metrics ids; absent: the interval
 */
public record IngestSettings(
        @NotNull @DefaultValue("5m") Duration interval,
        Path targetsFile,
        @NotNull @DefaultValue("data/spool") Path spoolDir,
        Duration captureBucket,
        @Valid @NotNull @DefaultValue Schedule schedule,
        @Valid @NotNull @DefaultValue Bulk bulk,
        @Valid @NotNull @DefaultValue Bootstrap bootstrap) {

    /** Derived ticks stay within these bounds: no busier than once a second, no lazier than the old default. */
    static final Duration MIN_TICK = Duration.ofSeconds(1);

    static final Duration MAX_TICK = Duration.ofSeconds(30);

    /**
     * How often the scheduler looks for due targets: the configured {@code schedule.tick}, else a tenth of the
     * interval within [1 s, 30 s]. A target is captured at the first tick after it falls due, so a tick longer than
     * the interval would stretch every interval to the tick (20 s became 30 s); a tenth keeps captures within 10 %
     * of the interval the user asked for.
     */
    public Duration tick() {
        if (schedule.tick() != null) {
            return schedule.tick();
        }
        Duration tenth = interval.dividedBy(10);
        return tenth.compareTo(MIN_TICK) < 0 ? MIN_TICK : tenth.compareTo(MAX_TICK) > 0 ? MAX_TICK : tenth;
    }

    /** The capture bucket actually used: configured, or one interval. */
    public Duration bucket() {
        return captureBucket != null ? captureBucket : interval;
    }

    /**
     * @param enabled false in tests that run cycles themselves
     * @param tick how often the scheduler looks for due targets; absent: derived from the interval (see
     *     {@link IngestSettings#tick()})
     * @param concurrency targets fetched at once
     * @param lease how long a replica holds a target it is fetching; absent: one interval
     * @param owner this replica's name in leases; absent: host name and a random suffix
     * @param maxTargets most targets read per cycle from the targets index
     */
    public record Schedule(
            @DefaultValue("true") boolean enabled,
            Duration tick,
            @Min(1) @DefaultValue("4") int concurrency,
            Duration lease,
            String owner,
            @Min(1) @DefaultValue("10000") int maxTargets) {}

    /**
     * @param maxOperations a bulk request is sent at this many operations …
     * @param maxSize … or this many bytes …
     * @param flushInterval … or after this long, whichever comes first
     * @param maxConcurrentRequests bulk requests in flight; more writes wait (backpressure)
     * @param maxAttempts tries of a write refused with 429/5xx before it goes to the spool
     * @param retryBackoff first delay before such a retry, doubled each attempt
     * @param bufferWrites writes held in memory during an outage before they spill to a spool file
     * @param outageProbe how often an unreachable Elasticsearch is probed while the spool is not empty
     */
    public record Bulk(
            @Min(1) @DefaultValue("1000") int maxOperations,
            @NotNull @DefaultValue("5MB") DataSize maxSize,
            @NotNull @DefaultValue("1s") Duration flushInterval,
            @Min(1) @DefaultValue("2") int maxConcurrentRequests,
            @Min(1) @DefaultValue("5") int maxAttempts,
            @NotNull @DefaultValue("200ms") Duration retryBackoff,
            @Min(1) @DefaultValue("5000") int bufferWrites,
            @NotNull @DefaultValue("2s") Duration outageProbe) {}

    /**
     * @param minBackoff first delay before retrying the template install when Elasticsearch is not up yet
     * @param maxBackoff the delay stops growing here
     */
    public record Bootstrap(
            @NotNull @DefaultValue("1s") Duration minBackoff, @NotNull @DefaultValue("1m") Duration maxBackoff) {}
}
