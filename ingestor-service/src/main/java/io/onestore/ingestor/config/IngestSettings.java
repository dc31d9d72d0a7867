package io.onestore.ingestor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
 * @param coverage how far each capture reads (docs/coverage.md)
 */
public record IngestSettings(
        @NotNull @DefaultValue("5m") Duration interval,
        Path targetsFile,
        @NotNull @DefaultValue("data/spool") Path spoolDir,
        Duration captureBucket,
        @Valid @NotNull @DefaultValue Schedule schedule,
        @Valid @NotNull @DefaultValue Bulk bulk,
        @Valid @NotNull @DefaultValue Bootstrap bootstrap,
        @Valid @NotNull @DefaultValue Coverage coverage) {

    /** Settings without coverage ones: the defaults (tests written before the ledger). */
    public IngestSettings(
            Duration interval,
            Path targetsFile,
            Path spoolDir,
            Duration captureBucket,
            Schedule schedule,
            Bulk bulk,
            Bootstrap bootstrap) {
        this(interval, targetsFile, spoolDir, captureBucket, schedule, bulk, bootstrap, Coverage.defaults());
    }

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public IngestSettings {}

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

    /** The longest interval the planner gives a target while the budget allows: configured, or the interval. */
    public Duration maxInterval() {
        return coverage.maxInterval() != null ? coverage.maxInterval() : interval;
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
            @NotNull @DefaultValue("2s") Duration outageProbe,
            @Min(0) @DefaultValue("20000") int rememberPosts) {}

    /**
     * How far each capture of a hashtag reads, and how the planner spaces captures (docs/coverage.md).
     *
     * @param pageBudget feed pages one capture may read walking down to the high-water mark; stopping short records a
     *     {@code page_budget} gap
     * @param overlap how far below the mark the walk reads; zero: one page past the first post at or before it
     * @param backfillPages pages one capture may spend reading into the past after the live walk
     * @param defaultBackfill how far back a target without a campaign is read (a campaign's target: from
     *     {@code start - baselineDays})
     * @param minInterval the planner captures a busy target at most this often
     * @param maxInterval the planner captures every target at least this often, budget allowing; absent: the
     *     {@code interval}
     * @param fill share of the page budget one capture's expected new posts may take (headroom for bursts)
     * @param reserve share of the account pool's calls the planner leaves unplanned (retries, back-fill)
     */
    public record Coverage(
            @Min(1) @DefaultValue("100") int pageBudget,
            @NotNull @DefaultValue("0s") Duration overlap,
            @Min(0) @DefaultValue("20") int backfillPages,
            @NotNull @DefaultValue("7d") Duration defaultBackfill,
            @NotNull @DefaultValue("1m") Duration minInterval,
            Duration maxInterval,
            @DecimalMin("0.1") @DecimalMax("1.0") @DefaultValue("0.8") double fill,
            @DecimalMin("0.0") @DecimalMax("0.9") @DefaultValue("0.1") double reserve) {

        public static Coverage defaults() {
            return new Coverage(100, Duration.ZERO, 20, Duration.ofDays(7), Duration.ofMinutes(1), null, 0.8, 0.1);
        }
    }

    /**
     * @param minBackoff first delay before retrying the template install when Elasticsearch is not up yet
     * @param maxBackoff the delay stops growing here
     */
    public record Bootstrap(
            @NotNull @DefaultValue("1s") Duration minBackoff, @NotNull @DefaultValue("1m") Duration maxBackoff) {}
}
