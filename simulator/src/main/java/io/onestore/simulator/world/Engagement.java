package io.onestore.simulator.world;

/**
 * Engagement grows fast after posting and saturates: {@code value(age) = ceiling * (1 - e^(-age / tau))}, with tau
 * six hours, so posts of the last day keep gaining between two captures and week-old posts barely move.
 */
public final class Engagement {

    private static final double TAU_SECONDS = 6 * 3600.0;

    private Engagement() {}

    public static Metrics at(Post post, long nowEpochSecond) {
        long age = Math.max(0, nowEpochSecond - post.takenAt());
        double grown = 1 - Math.exp(-age / TAU_SECONDS);
        double jitter = jitter(post);
        long likes = Math.round(post.appeal() * grown);
        long comments = Math.round(post.appeal() * grown * 0.025 * jitter);
        long views = post.kind() == MediaKind.VIDEO ? Math.round(post.appeal() * grown * 9 * jitter) : 0;
        long shares = Math.round(shareCeiling(post) * grown);
        return new Metrics(likes, comments, views, shares);
    }

    /** The share count the post tends to: {@link #at}'s shares are this ceiling on the same curve. */
    public static double shareCeiling(Post post) {
        return post.appeal() * 0.01 * jitter(post);
    }

    /**
     * The age in seconds at which a count on the curve towards {@code ceiling} reaches {@code n} (the count is
     * rounded half up, so it is {@code n} from {@code ceiling * grown = n - 0.5} on); infinite when it never does.
     * The stream's likes and reposts happen at these ages, so at every instant their number equals {@link #at}'s.
     */
    public static double secondsUntil(double ceiling, long n) {
        double share = (n - 0.5) / ceiling;
        return n <= 0 ? 0 : share >= 1 ? Double.POSITIVE_INFINITY : -TAU_SECONDS * Math.log(1 - share);
    }

    /** How many the count is at {@code ageSeconds}: {@link #secondsUntil}'s inverse. */
    public static long countAt(double ceiling, double ageSeconds) {
        return Math.round(ceiling * (1 - Math.exp(-Math.max(0, ageSeconds) / TAU_SECONDS)));
    }

    private static double jitter(Post post) {
        return 0.8 + 0.4 * SeedMix.unit(post.igId(), 7);
    }
}
