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
        double jitter = 0.8 + 0.4 * SeedMix.unit(post.igId(), 7);
        long likes = Math.round(post.appeal() * grown);
        long comments = Math.round(post.appeal() * grown * 0.025 * jitter);
        long views = post.kind() == MediaKind.VIDEO ? Math.round(post.appeal() * grown * 9 * jitter) : 0;
        long shares = Math.round(post.appeal() * grown * 0.01 * jitter);
        return new Metrics(likes, comments, views, shares);
    }
}
