package io.onestore.query.insight.spike;

import java.util.Arrays;

/**
 * The spike rule (docs/insights.md#spikes, with worked examples): a bucket's value {@code x} spikes when
 * {@code (x - median) / deviation > k}, where median and MAD are taken over the trailing baseline (the buckets just
 * before it) and {@code deviation = max(1.4826 × MAD, minDeviation)}. Median and MAD rather than mean and standard
 * deviation because one earlier spike in the baseline would otherwise inflate both and hide the next one; 1.4826
 * makes the MAD comparable with a standard deviation for normal data; the floor stops a perfectly flat baseline (MAD 0)
 * from flagging every +1.
 */
record SpikeRule(double k, double minDeviation) {

    static final double MAD_TO_SIGMA = 1.4826;

    /** How the value stands against its baseline. */
    record Measure(long value, double baselineMedian, double baselineMad, double score, boolean spike) {}

    Measure measure(long value, long[] baseline) {
        double median = median(baseline);
        double[] deviations = new double[baseline.length];
        for (int i = 0; i < baseline.length; i++) {
            deviations[i] = Math.abs(baseline[i] - median);
        }
        double mad = median(deviations);
        double deviation = Math.max(MAD_TO_SIGMA * mad, minDeviation);
        double score = deviation == 0 ? (value > median ? Double.POSITIVE_INFINITY : 0) : (value - median) / deviation;
        return new Measure(value, median, mad, score, score > k);
    }

    static double median(long[] values) {
        return median(Arrays.stream(values).asDoubleStream().toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
