package io.onestore.model.metric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngagementTest {

    @Test
    void sumsLikesCommentsAndShares() {
        assertThat(Engagement.of(100L, 20L, 5L, false)).isEqualTo(125);
    }

    @Test
    void hiddenLikesAreNeverAddedWhateverPlaceholderCame() {
        assertThat(Engagement.of(3L, 20L, null, true)).isEqualTo(20);
        assertThat(Engagement.of(-1L, 20L, null, true)).isEqualTo(20);
    }

    @Test
    void unknownCountsAddNothing() {
        assertThat(Engagement.of(-1L, 4L, -1L, false)).isEqualTo(4);
        assertThat(Engagement.of(null, null, 0L, false)).isZero();
    }

    @Test
    void noKnownCountIsUnknownEngagementNotZero() {
        assertThat(Engagement.of(null, null, null, false)).isNull();
        assertThat(Engagement.of(-1L, null, -1L, false)).isNull();
        assertThat(Engagement.of(12L, null, null, true)).isNull();
    }
}
