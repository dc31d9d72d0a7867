package io.onestore.ingestor.source.tiktok;

import io.onestore.ingestor.account.SpendLedger;
import io.onestore.ingestor.account.UnwrittenSpend;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetSpendDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Research API's daily quotas of one client, counted here so they are never exceeded: requests and records per UTC
 * day (TikTok resets both at 00:00 UTC). A request reserves its {@code max_count} records before it is sent and gives
 * back what the answer did not use, so concurrent captures can never ask for more than is left.
 *
 * <p>What each target (its {@code targets} id) spent today is kept for health and metrics and, as a {@link
 * SpendLedger}, written by {@code index/SpendBook} to {@code target-spend}, where the query API shows it per target. A
 * restarted process takes the day's stored spend up again ({@link #seed}) and so counts it against the client's quotas
 * too; a capture first takes up what another replica spent on its target today ({@link #adopt}). Thread-safe: every
 * method is synchronized (a handful of calls a minute).
 */
public final class ResearchQuota implements SpendLedger<ResearchQuota.DaySpend> {

    /** What a target (or the whole client) spent today. */
    public record Spend(long requests, long records) {}

    /** One target's spend in one UTC day. */
    public record DaySpend(String targetId, LocalDate day, long requests, long records) implements SpendLedger.Day {}

    /** A reservation: the request may be sent asking for {@code maxCount} videos. */
    public record Grant(int maxCount) {}

    /** Today's use, for health and metrics. */
    public record View(
            LocalDate day,
            long requests,
            long requestLimit,
            long records,
            long recordLimit,
            boolean exhausted,
            Instant resetsAt,
            Map<String, Spend> byTarget) {}

    private final int requestLimit;
    private final long recordLimit;
    private final Clock clock;
    private LocalDate day;
    private long requests;
    private long records;
    private long reserved;
    private boolean exhaustedUpstream;
    private final Map<String, Spend> byTarget = new LinkedHashMap<>();
    private final UnwrittenSpend<DaySpend> unwritten = new UnwrittenSpend<>();

    public ResearchQuota(int requestLimit, long recordLimit, Clock clock) {
        this.requestLimit = requestLimit;
        this.recordLimit = recordLimit;
        this.clock = clock;
        this.day = today();
    }

    /**
     * Reserves one request of up to {@code wanted} videos for the target {@code targetId}; empty when today's requests
     * or records are used up (or TikTok said so), until 00:00 UTC.
     */
    public synchronized Optional<Grant> reserve(String targetId, int wanted) {
        roll();
        long recordsLeft = recordLimit - records - reserved;
        if (exhaustedUpstream || requests >= requestLimit || recordsLeft <= 0) {
            return Optional.empty();
        }
        int maxCount = (int) Math.min(wanted, recordsLeft);
        requests++;
        reserved += maxCount;
        add(targetId, 1, 0);
        return Optional.of(new Grant(maxCount));
    }

    /** Settles a reservation: {@code served} videos came back (0 when the request failed). */
    public synchronized void settle(String targetId, Grant grant, int served) {
        if (!today().equals(day)) {
            roll();
            return;
        }
        reserved = Math.max(0, reserved - grant.maxCount());
        records += served;
        add(targetId, 0, served);
    }

    /** TikTok answered {@code daily_quota_limit_exceeded}: nothing more today, whatever our count says. */
    public synchronized void exhaustedUpstream() {
        roll();
        exhaustedUpstream = true;
    }

    /** Time until the quotas reset. */
    public Duration untilReset() {
        return Duration.between(clock.instant(), resetsAt());
    }

    public synchronized View view() {
        roll();
        boolean exhausted = exhaustedUpstream || requests >= requestLimit || records + reserved >= recordLimit;
        return new View(day, requests, requestLimit, records, recordLimit, exhausted, resetsAt(), Map.copyOf(byTarget));
    }

    @Override
    public Platform platform() {
        return Platform.TIKTOK;
    }

    /**
     * Raised, not added, as {@link #adopt} does: a capture that ran before the seed had already adopted its target's
     * stored spend, and this process's counts of it include it.
     */
    @Override
    public synchronized void seed(List<DaySpend> stored) {
        roll();
        unwritten.seed(stored, day, this::adopt);
    }

    /**
     * Raises the target's counts to the stored ones where those are higher, and the client's day by as much: what
     * another process sent for the target today is used up for this one too.
     */
    @Override
    public synchronized void adopt(DaySpend stored) {
        roll();
        if (!stored.day().equals(day)) {
            return;
        }
        Spend own = byTarget.getOrDefault(stored.targetId(), new Spend(0, 0));
        long moreRequests = Math.max(0, stored.requests() - own.requests());
        long moreRecords = Math.max(0, stored.records() - own.records());
        requests += moreRequests;
        records += moreRecords;
        add(stored.targetId(), moreRequests, moreRecords);
    }

    @Override
    public synchronized DaySpend take(String targetId) {
        roll();
        unwritten.taken(targetId);
        return daySpend(targetId);
    }

    @Override
    public synchronized List<DaySpend> takeChanged() {
        roll();
        return unwritten.takeAll(this::daySpend);
    }

    @Override
    public synchronized void stillChanged(List<DaySpend> refused) {
        unwritten.handBack(refused, day);
    }

    /** The day's document, with the client's daily quotas as its ceiling. */
    @Override
    public TargetSpendDocument document(DaySpend spend, Instant updatedAt) {
        return TargetSpendDocument.tiktok(
                spend.targetId(),
                spend.day(),
                spend.requests(),
                spend.records(),
                TargetSpendDocument.Ceiling.tiktok(requestLimit, recordLimit),
                updatedAt);
    }

    @Override
    public DaySpend day(String targetId, LocalDate day, TargetSpendDocument stored) {
        return stored == null
                ? new DaySpend(targetId, day, 0, 0)
                : new DaySpend(
                        targetId,
                        stored.day(),
                        stored.requests() == null ? 0 : stored.requests(),
                        stored.records() == null ? 0 : stored.records());
    }

    /** Adds to a target's spend of the day; anything added is written out by the book. */
    private void add(String targetId, long moreRequests, long moreRecords) {
        if (moreRequests <= 0 && moreRecords <= 0) {
            return;
        }
        Spend spend = byTarget.getOrDefault(targetId, new Spend(0, 0));
        byTarget.put(targetId, new Spend(spend.requests() + moreRequests, spend.records() + moreRecords));
        unwritten.changed(targetId);
    }

    private DaySpend daySpend(String targetId) {
        Spend spend = byTarget.getOrDefault(targetId, new Spend(0, 0));
        return new DaySpend(targetId, day, spend.requests(), spend.records());
    }

    private Instant resetsAt() {
        return today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private void roll() {
        LocalDate now = today();
        if (!now.equals(day)) {
            unwritten.dayEnds(this::daySpend);
            day = now;
            requests = 0;
            records = 0;
            reserved = 0;
            exhaustedUpstream = false;
            byTarget.clear();
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
