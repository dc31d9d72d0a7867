package io.onestore.query.insight.spike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The worked examples of docs/insights.md#spikes. */
class SpikeRuleTest {

    final SpikeRule rule = new SpikeRule(3, 1);

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(SpikeRule.median(new long[] {5, 1, 3})).isEqualTo(3);
        assertThat(SpikeRule.median(new long[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void aJumpOfMoreThanKRobustDeviationsIsASpike() {
        var m = rule.measure(30, new long[] {10, 12, 9, 11, 10, 13, 10});

        // median 10; |x - 10| = 0 2 1 1 0 3 0 → MAD 1; deviation 1.4826; (30 - 10) / 1.4826 = 13.49
        assertThat(m.baselineMedian()).isEqualTo(10);
        assertThat(m.baselineMad()).isEqualTo(1);
        assertThat(m.score()).isCloseTo(13.4898, within(1e-4));
        assertThat(m.spike()).isTrue();
    }

    @Test
    void aFlatBaselineUsesTheDeviationFloor() {
        // MAD 0: the floor of 1 makes +3 a score of 3, not above k = 3
        assertThat(rule.measure(13, new long[] {10, 10, 10}).spike()).isFalse();
        assertThat(rule.measure(14, new long[] {10, 10, 10}).score()).isEqualTo(4);
    }
}
