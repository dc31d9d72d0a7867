package io.onestore.simulator.world;

/** A post's counters at one instant; {@code views} is 0 for non-videos. */
public record Metrics(long likes, long comments, long views, long shares) {}
