package io.onestore.ingestor.source.tiktok;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Research API's daily quotas of one client, counted here so they are never exceeded: requests and records per UTC
 * day (TikTok resets both at 00:00 UTC). A request reserves its {@code max_count} records before it is sent and gives
 * back what the answer did not use, so concurrent captures can never ask for more than is left. What each target spent
 * today is kept for health and metrics. Thread-safe: every method is synchronized (a handful of calls a minute).
 */
public final class ResearchQuota {

    /** What a target (or the whole client) spent today. */
    public record Spend(long requests, long records) {}

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

    public ResearchQuota(int requestLimit, long recordLimit, Clock clock) {
        this.requestLimit = requestLimit;
        this.recordLimit = recordLimit;
        this.clock = clock;
        this.day = today();
    }

    /**
     * Reserves one request of up to {@code wanted} videos for {@code target}; empty when today's requests or records
     * are used up (or TikTok said so), until 00:00 UTC.
     */
    public synchronized Optional<Grant> reserve(String target, int wanted) {
        roll();
        long recordsLeft = recordLimit - records - reserved;
        if (exhaustedUpstream || requests >= requestLimit || recordsLeft <= 0) {
            return Optional.empty();
        }
        int maxCount = (int) Math.min(wanted, recordsLeft);
        requests++;
        reserved += maxCount;
        Spend spend = byTarget.getOrDefault(target, new Spend(0, 0));
        byTarget.put(target, new Spend(spend.requests() + 1, spend.records()));
        return Optional.of(new Grant(maxCount));
    }

    /** Settles a reservation: {@code served} videos came back (0 when the request failed). */
    public synchronized void settle(String target, Grant grant, int served) {
        if (!today().equals(day)) {
            roll();
            return;
        }
        reserved = Math.max(0, reserved - grant.maxCount());
        records += served;
        Spend spend = byTarget.getOrDefault(target, new Spend(0, 0));
        byTarget.put(target, new Spend(spend.requests(), spend.records() + served));
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

    private Instant resetsAt() {
        return today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private void roll() {
        LocalDate now = today();
        if (!now.equals(day)) {
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
