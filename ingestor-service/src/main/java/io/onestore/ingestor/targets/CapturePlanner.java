package io.onestore.ingestor.targets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fits every target's capture interval to its post rate within the account pool's budget (docs/coverage.md). Pure:
 * the rates come from the ledger, the budget from the pool's configuration.
 *
 * <p>A capture of a target at interval {@code I} (hours) reads its new posts, {@code rate × I / pageSize} pages, plus
 * its fixed calls (the page past the high-water mark, Graph's top posts); so it costs
 * {@code rate / pageSize + callsPerCapture / I} calls an hour. Each target's wish is
 * the interval at which one capture's new posts fill {@code fill} of its page budget, clamped to {@code [min, max]}.
 * When the wishes do not fit the budget, campaign targets are served first, then the others from the quietest up (a
 * quiet tag is cheap to cover completely); a target that gets less than its wish is under-covered, and the plan says by
 * how much before it happens.
 */
public final class CapturePlanner {

    private final Budget budget;

    public CapturePlanner(Budget budget) {
        this.budget = budget;
    }

    /**
     * @param id the target's id
     * @param ratePerHour estimated public posts an hour; null or 0 when unknown or silent
     * @param campaign whether a campaign needs it (served first)
     * @param hashtag whether it spends a Graph hashtag slot
     */
    public record Load(String id, Double ratePerHour, boolean campaign, boolean hashtag) {}

    /**
     * The pool and the walk's limits.
     *
     * @param callsPerHour the calls all accounts may make in an hour, less a reserve for retries
     * @param hashtagSlots unique hashtags the accounts may query (Graph: 30 per account per 7 days); negative: no limit
     * @param pageSize posts per feed page
     * @param pageBudget pages one capture may read
     * @param fill share of the page budget a capture's expected new posts may take (headroom for bursts)
     * @param callsPerCapture calls every capture costs besides its new posts' pages: the page that reaches the mark
     *     (1), plus Graph's {@code top_media} pages
     */
    public record Budget(
            double callsPerHour,
            int hashtagSlots,
            int pageSize,
            int pageBudget,
            double fill,
            Duration minInterval,
            Duration maxInterval,
            int callsPerCapture) {}

    /**
     * @param interval how long until the target's next capture
     * @param callsPerHour what the plan spends on it
     * @param expectedShare the share of its expected posts the plan reads (1: all)
     * @param reason why less than all: {@code page_budget}, {@code account_budget} or {@code hashtag_quota}; null when
     *     covered
     */
    public record Planned(String id, Duration interval, double callsPerHour, double expectedShare, String reason) {

        public boolean underCovered() {
            return expectedShare < 0.999;
        }
    }

    public List<Planned> plan(List<Load> loads) {
        List<Load> ordered = new ArrayList<>(loads);
        ordered.sort(Comparator.comparing((Load l) -> !l.campaign()).thenComparingDouble(CapturePlanner::rate));
        double left = budget.callsPerHour();
        int slots = budget.hashtagSlots();
        List<Planned> plans = new ArrayList<>();
        for (Load load : ordered) {
            double rate = rate(load);
            double maxHours = hours(budget.maxInterval());
            if (load.hashtag() && slots == 0) {
                plans.add(new Planned(load.id(), budget.maxInterval(), 0, rate > 0 ? 0 : 1, "hashtag_quota"));
                continue;
            }
            if (load.hashtag() && slots > 0) {
                slots--;
            }
            double wishHours = wishedHours(rate);
            double wishCalls = calls(rate, wishHours);
            if (wishCalls <= left) {
                left -= wishCalls;
                // At the shortest interval a capture may still bring more new posts than its page budget holds.
                double newPages = rate * wishHours / budget.pageSize();
                double readable = budget.pageBudget() - 1;
                double share = newPages <= readable ? 1 : readable / newPages;
                plans.add(new Planned(
                        load.id(), duration(wishHours), wishCalls, share, share < 1 ? "page_budget" : null));
                continue;
            }
            // What is left, at the longest interval: the fixed page per capture first, then new posts.
            double afford = Math.max(0, left);
            left -= afford;
            double postPagesPerHour = Math.max(0, afford - budget.callsPerCapture() / maxHours);
            double share = rate <= 0 ? 1 : Math.min(1, postPagesPerHour * budget.pageSize() / rate);
            plans.add(new Planned(load.id(), budget.maxInterval(), afford, share, "account_budget"));
        }
        return plans;
    }

    /** The interval at which one capture's expected new posts fill {@code fill} of the page budget. */
    private double wishedHours(double rate) {
        double minHours = hours(budget.minInterval());
        double maxHours = hours(budget.maxInterval());
        if (rate <= 0) {
            return maxHours;
        }
        double hours = budget.pageBudget() * budget.pageSize() * budget.fill() / rate;
        return Math.max(minHours, Math.min(maxHours, hours));
    }

    private double calls(double rate, double intervalHours) {
        return rate / budget.pageSize() + budget.callsPerCapture() / intervalHours;
    }

    private static double rate(Load load) {
        return load.ratePerHour() == null ? 0 : Math.max(0, load.ratePerHour());
    }

    private static double hours(Duration duration) {
        return duration.toMillis() / 3_600_000.0;
    }

    private static Duration duration(double hours) {
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }
}
