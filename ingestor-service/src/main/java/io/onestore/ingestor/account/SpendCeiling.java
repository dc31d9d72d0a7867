package io.onestore.ingestor.account;

import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.config.XSettings;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetSpendDocument;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What X reads cost, and the ceiling they stay under: per UTC day, posts and user objects read in total and per
 * target, and counts requests in total ({@link XSettings.Spend}). Before every search page a capture reserves what it
 * asks for ({@link #reservePage}: as many posts, and as many users, since each post brings at most its author) and
 * settles the reservation with what the answer carried ({@link #settlePage}); concurrent captures of other targets see
 * the reservation as spent, so together they never ask for more than is left, and the ceiling is never exceeded by
 * this process.
 *
 * <p>Each resource read is counted in {@code onestore.source.spend{platform=x, resource, target}}; today's spend per
 * target is in health ({@code xSpend}) and, through {@code index/SpendBook}, in the {@code target-spend} index, from which
 * a restarted process takes up the day's counts again ({@link #seed}). Every method is {@code synchronized}: asking
 * and recording are separate steps of concurrent captures.
 */
public final class SpendCeiling implements SpendLedger<SpendCeiling.DaySpend> {

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
    /** What calls asked for and not yet answered hold, in total and per target. */
    private final Map<Resource, Long> reservedTotal = new HashMap<>();

    private final Map<String, Map<Resource, Long>> reservedPerTarget = new HashMap<>();
    private final UnwrittenSpend<DaySpend> unwritten = new UnwrittenSpend<>();

    /** What one call holds until {@link #settle}: posts and users. */
    public record Reservation(String targetId, long posts, long users) {}

    public SpendCeiling(XSettings.Spend limits, Clock clock, MeterRegistry meters) {
        this.limits = limits;
        this.clock = clock;
        this.meters = meters;
    }

    /** Posts the target may still buy today: the least of its own and the global allowance. */
    public synchronized long postsAllowed(String targetId) {
        return allowed(targetId, Resource.POSTS, limits.postsPerDay(), limits.postsPerTargetPerDay());
    }

    /** User objects the target may still buy today. */
    public synchronized long usersAllowed(String targetId) {
        return allowed(targetId, Resource.USERS, limits.usersPerDay(), limits.usersPerTargetPerDay());
    }

    /** What the day and the target still allow of a resource, after what is spent and what is reserved. */
    private long allowed(String targetId, Resource resource, long perDay, long perTarget) {
        rollOver();
        long day = perDay - total(resource) - reservedTotal.getOrDefault(resource, 0L);
        long own = perTarget - spent(targetId, resource) - reserved(targetId, resource);
        return Math.max(0, Math.min(day, own));
    }

    /**
     * Holds up to {@code most} posts and as many users for one search page of the target: the least of what the
     * target and the day still allow, after every other reservation. It must be handed back to {@link #settle}, even
     * when the call fails or the page is too small to ask for.
     *
     * @return the reservation; its {@code posts} is the page size the capture may ask for (0 when nothing is left)
     */
    public synchronized Reservation reservePage(String targetId, long most) {
        long granted = Math.max(0, Math.min(most, Math.min(postsAllowed(targetId), usersAllowed(targetId))));
        return hold(new Reservation(targetId, granted, granted));
    }

    /** Holds one user read (a profile); {@code users} is 0 when none is left. */
    public synchronized Reservation reserveUser(String targetId) {
        return hold(new Reservation(targetId, 0, Math.min(1, usersAllowed(targetId))));
    }

    /** Releases a reservation and records what the answer carried (zero for a failed call). */
    public synchronized void settle(Reservation reservation, long posts, long users) {
        release(reservation, Resource.POSTS, reservation.posts());
        release(reservation, Resource.USERS, reservation.users());
        record(reservation.targetId(), Resource.POSTS, posts);
        record(reservation.targetId(), Resource.USERS, users);
    }

    private Reservation hold(Reservation reservation) {
        for (Resource resource : List.of(Resource.POSTS, Resource.USERS)) {
            long amount = resource == Resource.POSTS ? reservation.posts() : reservation.users();
            if (amount > 0) {
                reservedTotal.merge(resource, amount, Long::sum);
                reservedPerTarget
                        .computeIfAbsent(reservation.targetId(), t -> new HashMap<>())
                        .merge(resource, amount, Long::sum);
            }
        }
        return reservation;
    }

    /** A reservation made before midnight is settled after the roll-over cleared it: never below zero. */
    private void release(Reservation reservation, Resource resource, long amount) {
        if (amount <= 0) {
            return;
        }
        reservedTotal.computeIfPresent(resource, (r, held) -> held > amount ? held - amount : null);
        Map<Resource, Long> target = reservedPerTarget.get(reservation.targetId());
        if (target != null) {
            target.computeIfPresent(resource, (r, held) -> held > amount ? held - amount : null);
            if (target.isEmpty()) {
                reservedPerTarget.remove(reservation.targetId());
            }
        }
    }

    public synchronized boolean countAllowed() {
        rollOver();
        return total(Resource.COUNT_REQUESTS) + reservedTotal.getOrDefault(Resource.COUNT_REQUESTS, 0L)
                < limits.countRequestsPerDay();
    }

    /**
     * Holds one counts request when the day has one left, so that concurrent captures never send more than the
     * ceiling between asking and recording. A {@code true} must be handed back to {@link #settleCount}.
     */
    public synchronized boolean reserveCount() {
        if (!countAllowed()) {
            return false;
        }
        reservedTotal.merge(Resource.COUNT_REQUESTS, 1L, Long::sum);
        return true;
    }

    /** Releases a counts reservation; {@code billed} when X answered it (then it is recorded for the target). */
    public synchronized void settleCount(String targetId, boolean billed) {
        reservedTotal.computeIfPresent(Resource.COUNT_REQUESTS, (r, held) -> held > 1 ? held - 1 : null);
        record(targetId, Resource.COUNT_REQUESTS, billed ? 1 : 0);
    }

    /** Records what an answer carried; called for every billed answer, whatever came of it. */
    public synchronized void record(String targetId, Resource resource, long amount) {
        if (amount <= 0) {
            return;
        }
        rollOver();
        add(targetId, resource, amount);
        unwritten.changed(targetId);
        meters.counter("onestore.source.spend", "platform", "x", "resource", resource.key(), "target", targetId)
                .increment(amount);
    }

    /** One target's spend in one UTC day. */
    public record DaySpend(String targetId, LocalDate day, long posts, long users, long countRequests)
            implements SpendLedger.Day {}

    @Override
    public Platform platform() {
        return Platform.X;
    }

    /**
     * Takes up what earlier processes recorded for today (from {@code target-spend}), target by target as
     * {@link #adopt} does; spend of another day is ignored. Called once, before this process's own spend of the day is
     * first written out. Raised, not added: a capture that ran before the seed had already adopted its target's stored
     * spend, and this process's counts of it include it.
     */
    @Override
    public synchronized void seed(List<DaySpend> stored) {
        rollOver();
        unwritten.seed(stored, day, this::adopt);
    }

    /**
     * Takes up what another process spent on the target today ({@link SharedSpend#today}): each of the target's
     * counters rises to the stored one where that is higher, and the day's totals by as much, so this process never
     * buys past the target's ceiling what another already bought. Called before a capture of the target.
     */
    @Override
    public synchronized void adopt(DaySpend stored) {
        rollOver();
        if (!stored.day().equals(day)) {
            return;
        }
        raise(stored.targetId(), Resource.POSTS, stored.posts());
        raise(stored.targetId(), Resource.USERS, stored.users());
        raise(stored.targetId(), Resource.COUNT_REQUESTS, stored.countRequests());
    }

    private void raise(String targetId, Resource resource, long stored) {
        add(targetId, resource, stored - spent(targetId, resource));
    }

    /**
     * The target's spend today, taken out of what {@link #takeChanged} hands out next (the caller writes it now); hand
     * it back with {@link #stillChanged} when the write fails.
     */
    @Override
    public synchronized DaySpend take(String targetId) {
        rollOver();
        unwritten.taken(targetId);
        return daySpend(targetId);
    }

    /** Today's spend of every target whose spend changed since the last call; the caller writes it out. */
    @Override
    public synchronized List<DaySpend> takeChanged() {
        rollOver();
        return unwritten.takeAll(this::daySpend);
    }

    /** Hands back spend {@link #takeChanged} gave out and that could not be written: it is written next time. */
    @Override
    public synchronized void stillChanged(List<DaySpend> refused) {
        unwritten.handBack(refused, day);
    }

    private DaySpend daySpend(String targetId) {
        return new DaySpend(
                targetId,
                day,
                spent(targetId, Resource.POSTS),
                spent(targetId, Resource.USERS),
                spent(targetId, Resource.COUNT_REQUESTS));
    }

    @Override
    public TargetSpendDocument document(DaySpend spend, Instant updatedAt) {
        return TargetSpendDocument.x(
                spend.targetId(),
                spend.day(),
                spend.posts(),
                spend.users(),
                spend.countRequests(),
                TargetSpendDocument.Ceiling.x(
                        limits.postsPerDay(),
                        limits.usersPerDay(),
                        limits.postsPerTargetPerDay(),
                        limits.usersPerTargetPerDay(),
                        limits.countRequestsPerDay()),
                updatedAt);
    }

    @Override
    public DaySpend day(String targetId, LocalDate day, TargetSpendDocument stored) {
        return stored == null
                ? new DaySpend(targetId, day, 0, 0, 0)
                : new DaySpend(
                        targetId,
                        stored.day(),
                        units(stored.posts()),
                        units(stored.users()),
                        units(stored.countRequests()));
    }

    private static long units(Long stored) {
        return stored == null ? 0 : stored;
    }

    /** The configured ceilings. */
    public XSettings.Spend limits() {
        return limits;
    }

    private void add(String targetId, Resource resource, long amount) {
        if (amount > 0) {
            total.merge(resource, amount, Long::sum);
            perTarget.computeIfAbsent(targetId, t -> new HashMap<>()).merge(resource, amount, Long::sum);
        }
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

    private long reserved(String targetId, Resource resource) {
        return reservedPerTarget.getOrDefault(targetId, Map.of()).getOrDefault(resource, 0L);
    }

    private long spent(String targetId, Resource resource) {
        return perTarget.getOrDefault(targetId, Map.of()).getOrDefault(resource, 0L);
    }

    /** X's billing day is the UTC day: a new day starts every counter at zero. */
    private void rollOver() {
        LocalDate now = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!now.equals(day)) {
            unwritten.dayEnds(this::daySpend);
            day = now;
            total.clear();
            perTarget.clear();
            reservedTotal.clear();
            reservedPerTarget.clear();
        }
    }
}
