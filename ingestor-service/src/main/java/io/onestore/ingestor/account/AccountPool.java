package io.onestore.ingestor.account;

import io.onestore.ingestor.config.SourceSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rotating pool of upstream accounts. Picks the least recently used account that is neither resting nor walled
 * and still has call budget (a sliding {@link CallWindow} per account) and, for a Graph hashtag, room in its
 * 7-day hashtag quota; accounts that already hold the hashtag are preferred (affinity), so a tag keeps costing one
 * slot on one account.
 *
 * <p>Every method is {@code synchronized}: picking is "find the best slot, then take its permit", and two threads
 * interleaving those steps would hand out the same last permit or hashtag slot twice. The critical sections are
 * tiny and in-memory; a lock-free round-robin index would be faster and wrong.
 */
public final class AccountPool {

    private static final Logger log = LoggerFactory.getLogger(AccountPool.class);

    private final Clock clock;
    private final SourceSettings.Cooldown cooldown;
    private final List<Slot> slots = new ArrayList<>();

    /**
     * @param needsIgUserId graph mode: accounts without an ig-user-id cannot call anything and start out of rotation
     */
    public AccountPool(
            List<Account> accounts,
            SourceSettings.Budget budget,
            SourceSettings.Cooldown cooldown,
            boolean needsIgUserId,
            Clock clock) {
        this.clock = clock;
        this.cooldown = cooldown;
        for (Account account : accounts) {
            Slot slot = new Slot(
                    account,
                    new CallWindow(budget.callsPerWindow(), budget.window()),
                    new HashtagQuota(budget.hashtagsPerWindow(), budget.hashtagWindow()));
            if (needsIgUserId && account.igUserId() == null) {
                slot.outReason = "no ig-user-id: the Graph API needs one";
            }
            slots.add(slot);
        }
    }

    public int size() {
        return slots.size();
    }

    /**
     * Takes one call permit from the best account.
     *
     * @param excluded accounts already tried for this target in this call
     * @param hashtag a Graph hashtag the call will query (counts against the 7-day quota); null when none does
     */
    public synchronized Optional<Account> acquire(Set<String> excluded, String hashtag) {
        Instant now = clock.instant();
        Comparator<Slot> order = Comparator.comparing((Slot s) -> hashtag != null && !s.quota.holds(hashtag, now))
                .thenComparing(s -> s.lastUsed, Comparator.nullsFirst(Comparator.naturalOrder()));
        Optional<Slot> best = slots.stream()
                .filter(s -> !excluded.contains(s.account.id()))
                .filter(s -> s.state(now) == AccountState.AVAILABLE)
                .filter(s -> hashtag == null || s.quota.admits(hashtag, now))
                .min(order);
        best.ifPresent(s -> {
            s.calls.tryTake();
            s.lastUsed = now;
            if (hashtag != null) {
                s.quota.record(hashtag, now);
            }
        });
        return best.map(s -> s.account);
    }

    /**
     * One more call on an account already acquired (the next page of a feed). False when its budget is spent: the
     * caller stops paging and keeps what it has.
     */
    public synchronized boolean spendCall(Account account) {
        Slot slot = slot(account);
        if (slot.state(clock.instant()) != AccountState.AVAILABLE) {
            return false;
        }
        return slot.calls.tryTake();
    }

    /** Applies what a call through {@code account} came to: rate limits rest it, walls take it out of rotation. */
    public synchronized void report(Account account, AccountSignal outcome) {
        Slot slot = slot(account);
        Instant now = clock.instant();
        if (outcome instanceof AccountSignal.RateLimited limited) {
            Duration rest = limited.retryAfter() != null ? limited.retryAfter() : cooldown.rateLimited();
            slot.restUntil(now.plus(rest));
            log.warn(
                    "Account {} rate-limited ({}), cooling down until {}",
                    account.id(),
                    outcome.reason(),
                    slot.coolUntil);
        } else if (outcome instanceof AccountSignal.PleaseWait) {
            slot.restUntil(now.plus(cooldown.pleaseWait()));
            log.warn("Account {} asked to wait, cooling down until {}", account.id(), slot.coolUntil);
        } else if (outcome instanceof AccountSignal.LoginWall) {
            slot.outReason = outcome.reason();
            log.error("Account {} taken out of rotation: {}", account.id(), outcome.reason());
        }
    }

    /** Hashtags the upstream says the account already queried (Graph {@code recently_searched_hashtags}). */
    public synchronized void seedHashtags(Account account, Collection<String> hashtags) {
        Slot slot = slot(account);
        Instant now = clock.instant();
        // The edge carries no timestamps: counting them from now is the conservative reading.
        hashtags.forEach(tag -> slot.quota.record(tag, now));
    }

    /**
     * Calls the pool could make now: the calls left in the sliding windows of the accounts that are neither cooling
     * down nor walled. An upper bound on the captures it can start now (each needs at least one call); the hashtag
     * quota is not counted here (the planner spends it).
     */
    public synchronized int callsAvailable() {
        Instant now = clock.instant();
        return slots.stream()
                .filter(s -> s.state(now) == AccountState.AVAILABLE)
                .mapToInt(s -> s.calls.available())
                .sum();
    }

    /** Accounts that can still be used for calls (not walled); what the Graph seeding step walks. */
    public synchronized List<Account> inRotation() {
        return slots.stream()
                .filter(s -> s.outReason == null)
                .map(s -> s.account)
                .toList();
    }

    public synchronized List<AccountView> view() {
        Instant now = clock.instant();
        return slots.stream()
                .map(s -> new AccountView(
                        s.account.id(),
                        s.state(now),
                        s.state(now) == AccountState.COOLING_DOWN ? s.coolUntil : null,
                        s.outReason,
                        s.calls.available(),
                        s.quota.used(now),
                        s.lastUsed))
                .toList();
    }

    public synchronized Map<AccountState, Long> countByState() {
        Map<AccountState, Long> counts = new EnumMap<>(AccountState.class);
        for (AccountState state : AccountState.values()) {
            counts.put(state, 0L);
        }
        Instant now = clock.instant();
        slots.forEach(s -> counts.merge(s.state(now), 1L, Long::sum));
        return counts;
    }

    /** Why {@link #acquire} found nothing, for the target's failure reason. No secrets. */
    public synchronized String whyNone(Set<String> excluded, String hashtag) {
        if (slots.isEmpty()) {
            return "no accounts configured";
        }
        Instant now = clock.instant();
        Map<AccountState, Long> counts = countByState();
        long quotaFull = hashtag == null
                ? 0
                : slots.stream()
                        .filter(s -> s.state(now) == AccountState.AVAILABLE && !s.quota.admits(hashtag, now))
                        .count();
        return "no usable account: %d tried, %d cooling down, %d out of rotation, %d without call budget, %d without hashtag quota"
                .formatted(
                        excluded.size(),
                        counts.get(AccountState.COOLING_DOWN),
                        counts.get(AccountState.OUT_OF_ROTATION),
                        counts.get(AccountState.EXHAUSTED),
                        quotaFull);
    }

    private Slot slot(Account account) {
        return slots.stream()
                .filter(s -> s.account.id().equals(account.id()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not in the pool: " + account.id()));
    }

    /** What health shows of an account: its state and budgets, never its token. */
    public record AccountView(
            String id,
            AccountState state,
            Instant coolingUntil,
            String outOfRotationReason,
            int callsLeft,
            int hashtagsInWindow,
            Instant lastUsed) {}

    private static final class Slot {
        final Account account;
        final CallWindow calls;
        final HashtagQuota quota;
        Instant lastUsed;
        Instant coolUntil;
        String outReason;

        Slot(Account account, CallWindow calls, HashtagQuota quota) {
            this.account = account;
            this.calls = calls;
            this.quota = quota;
        }

        void restUntil(Instant until) {
            if (coolUntil == null || until.isAfter(coolUntil)) {
                coolUntil = until;
            }
        }

        AccountState state(Instant now) {
            if (outReason != null) {
                return AccountState.OUT_OF_ROTATION;
            }
            if (coolUntil != null && coolUntil.isAfter(now)) {
                return AccountState.COOLING_DOWN;
            }
            return calls.available() > 0 ? AccountState.AVAILABLE : AccountState.EXHAUSTED;
        }
    }
}
