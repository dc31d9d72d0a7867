package io.onestore.ingestor.account;

import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.XSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What X reads cost, and the ceiling they stay under: per UTC day, posts and user objects read in total and per
 * target, and counts requests in total ({@link XSettings.Spend}). A capture asks before every billed call how much it
 * may buy ({@link #postsAllowed}, {@link #usersAllowed}, {@link #countAllowed}) and records what the answer carried;
 * it never asks for more than it may buy, so the ceiling is never exceeded by this process.
 *
 * <p>Each resource read is counted in {@code onestore.source.spend{platform=x, resource, target}}; today's spend per
 * target is in health ({@code xSpend}). The day's counters live in memory and start at zero with the process, which
 * is why the per-day ceiling should sit well below the credits' daily share. Every method is {@code synchronized}:
 * asking and recording are separate steps of concurrent captures.
 */
public final class SpendCeiling {

    /** Resources X bills. */
    public enum Resource {
        POSTS,
        USERS,
        COUNT_REQUESTS;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final XSettings.Spend limits;
    private final Clock clock;
    private final MeterRegistry meters;
    private LocalDate day;
    private final Map<Resource, Long> total = new HashMap<>();
    private final Map<String, Map<Resource, Long>> perTarget = new LinkedHashMap<>();

    public SpendCeiling(XSettings.Spend limits, Clock clock, MeterRegistry meters) {
        this.limits = limits;
        this.clock = clock;
        this.meters = meters;
    }

    /** Posts the target may still buy today: the least of its own and the global allowance. */
    public synchronized long postsAllowed(String targetId) {
        rollOver();
        return Math.max(
                0,
                Math.min(
                        limits.postsPerDay() - total(Resource.POSTS),
                        limits.postsPerTargetPerDay() - spent(targetId, Resource.POSTS)));
    }

    /** User objects the target may still buy today. */
    public synchronized long usersAllowed(String targetId) {
        rollOver();
        return Math.max(
                0,
                Math.min(
                        limits.usersPerDay() - total(Resource.USERS),
                        limits.usersPerTargetPerDay() - spent(targetId, Resource.USERS)));
    }

    public synchronized boolean countAllowed() {
        rollOver();
        return total(Resource.COUNT_REQUESTS) < limits.countRequestsPerDay();
    }

    /** Records what an answer carried; called for every billed answer, whatever came of it. */
    public synchronized void record(String targetId, Resource resource, long amount) {
        if (amount <= 0) {
            return;
        }
        rollOver();
        total.merge(resource, amount, Long::sum);
        perTarget.computeIfAbsent(targetId, t -> new HashMap<>()).merge(resource, amount, Long::sum);
        meters.counter("onestore.source.spend", "platform", "x", "resource", resource.key(), "target", targetId)
                .increment(amount);
    }

    /** Today's spend: {@code day}, {@code total}, {@code ceiling} and {@code targets}, for health. */
    public synchronized Map<String, Object> today() {
        rollOver();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("day", day.toString());
        view.put("total", keyed(total));
        view.put(
                "ceiling",
                Map.of(
                        "posts_per_day", limits.postsPerDay(),
                        "users_per_day", limits.usersPerDay(),
                        "posts_per_target_per_day", limits.postsPerTargetPerDay(),
                        "users_per_target_per_day", limits.usersPerTargetPerDay(),
                        "count_requests_per_day", limits.countRequestsPerDay()));
        Map<String, Object> targets = new LinkedHashMap<>();
        perTarget.forEach((target, spend) -> targets.put(target, keyed(spend)));
        view.put("targets", targets);
        return view;
    }

    private static Map<String, Long> keyed(Map<Resource, Long> spend) {
        Map<String, Long> keyed = new LinkedHashMap<>();
        for (Resource resource : Resource.values()) {
            keyed.put(resource.key(), spend.getOrDefault(resource, 0L));
        }
        return keyed;
    }

    private long total(Resource resource) {
        return total.getOrDefault(resource, 0L);
    }

    private long spent(String targetId, Resource resource) {
        return perTarget.getOrDefault(targetId, Map.of()).getOrDefault(resource, 0L);
    }

    /** X's billing day is the UTC day: a new day starts every counter at zero. */
    private void rollOver() {
        LocalDate now = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!now.equals(day)) {
            day = now;
            total.clear();
            perTarget.clear();
        }
    }
}
