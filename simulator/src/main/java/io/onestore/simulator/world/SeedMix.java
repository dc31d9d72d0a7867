package io.onestore.simulator.world;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the world seed and a few coordinates (an hour, a brand, a
 * post). SplitMix64's finaliser is fixed by its paper and {@link SplittableRandom}'s algorithm by its specification,
 * so the same seed gives the same world on every JVM.
 */
public final class SeedMix {

    private SeedMix() {}

    public static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = finalise(h ^ finalise(p + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    public static long of(String text) {
        long h = 1125899906842597L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return finalise(h);
    }

    public static SplittableRandom random(long... parts) {
        return new SplittableRandom(mix(parts));
    }

    /** A uniform double in [0, 1) from a hash, for one-off decisions that need no stream. */
    public static double unit(long... parts) {
        return (mix(parts) >>> 11) * 0x1.0p-53;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
