package io.onestore.simulator.tiktok;

import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.world.SeedMix;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The Research API's clients as TikTok keeps them: client access tokens ({@code clt.…}) valid for two hours, and the
 * daily quotas (requests and records) counted per client, whichever token it used, and reset at 00:00 UTC.
 */
@Component
public class ResearchClients {

    /** What the quota left a request: whether it may run and how many records it may still return. */
    public record Allowance(boolean allowed, long recordsLeft) {}

    private record Issued(String client, Instant expires) {}

    private record Usage(LocalDate day, long requests, long records) {}

    private final int requestsPerDay;
    private final int recordsPerDay;
    private final Duration lifetime;
    private final AtomicLong issuedCount = new AtomicLong();
    // Token -> client; client -> today's usage. compute() makes each update atomic per key.
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();

    ResearchClients(SimulatorProperties properties) {
        this.requestsPerDay = properties.limits().tiktok().requestsPerDay();
        this.recordsPerDay = properties.limits().tiktok().recordsPerDay();
        this.lifetime = properties.limits().tiktok().tokenLifetime();
    }

    /** A new client access token; deterministic per client and issue number, so two runs issue the same tokens. */
    Issue issue(String clientKey, Instant now) {
        String token = "clt." + Long.toUnsignedString(SeedMix.of(clientKey + "#" + issuedCount.incrementAndGet()), 36);
        tokens.put(token, new Issued(clientKey, now.plus(lifetime)));
        return new Issue(token, lifetime.toSeconds());
    }

    record Issue(String token, long expiresInSeconds) {}

    /** The client a token belongs to while it is valid; empty for an unknown or expired token. */
    public Optional<String> clientOf(String token, Instant now) {
        Issued issued = tokens.get(token);
        return issued == null || !now.isBefore(issued.expires()) ? Optional.empty() : Optional.of(issued.client());
    }

    /** Counts a request against the client's day; refused (and not counted) when either quota is used up. */
    public Allowance request(String client, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        boolean[] allowed = {false};
        Usage after = usage.compute(client, (c, u) -> {
            Usage current = u == null || !u.day().equals(today) ? new Usage(today, 0, 0) : u;
            if (current.requests() >= requestsPerDay || current.records() >= recordsPerDay) {
                return current;
            }
            allowed[0] = true;
            return new Usage(today, current.requests() + 1, current.records());
        });
        return new Allowance(allowed[0], Math.max(0, recordsPerDay - after.records()));
    }

    /** Counts the records a request returned. */
    void served(String client, int records, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        usage.compute(
                client,
                (c, u) -> u == null || !u.day().equals(today)
                        ? new Usage(today, 0, records)
                        : new Usage(today, u.requests(), u.records() + records));
    }

    /** Seconds until the quotas reset (00:00 UTC). */
    public static long secondsToReset(Instant now) {
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return Math.max(1, Duration.between(now, midnight).toSeconds());
    }

    /** Records the client may still receive today. */
    long recordsLeft(String client, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Usage u = usage.get(client);
        return u == null || !u.day().equals(today) ? recordsPerDay : Math.max(0, recordsPerDay - u.records());
    }

    /** Every client's quotas full again. */
    public void clear() {
        usage.clear();
    }

    /** Invalidates every token issued (the next call answers 401 {@code access_token_invalid}). */
    public void revokeTokens() {
        tokens.clear();
    }
}
