package io.onestore.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.CampaignDocument;
import io.onestore.query.request.Interval;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where an open or future campaign's report window ends, and when uplift is undefined. */
class PhaseBoundsTest {

    static final Instant START = Instant.parse("2026-10-10T00:00:00Z");

    static CampaignDocument campaign(Instant end) {
        return new CampaignDocument("c", "c", List.of("nike"), List.of(), List.of(), START, end, 7, 7, START);
    }

    @Test
    void anOpenCampaignRunsUntilNow() {
        Instant now = Instant.parse("2026-10-12T06:00:00Z");

        var bounds = PhaseBounds.of(campaign(null), now, Interval.parse("1d"));

        assertThat(bounds.window().from()).isEqualTo("2026-10-03T00:00:00Z");
        assertThat(bounds.window().to()).isEqualTo(now);
        assertThat(bounds.duringEnd()).isEqualTo(now);
    }

    @Test
    void aClosedCampaignIncludesItsAfterPhase() {
        var bounds = PhaseBounds.of(campaign(Instant.parse("2026-10-13T00:00:00Z")), START, Interval.parse("1d"));

        assertThat(bounds.window().to()).isEqualTo("2026-10-20T00:00:00Z");
        assertThat(bounds.duringEnd()).isEqualTo("2026-10-13T00:00:00Z");
    }

    @Test
    void anOpenCampaignNotStartedYetReportsItsBaselineSoFar() {
        Instant now = Instant.parse("2026-10-01T00:00:00Z");

        var bounds = PhaseBounds.of(campaign(null), now, Interval.parse("1d"));

        assertThat(bounds.window().to()).isEqualTo(START);
    }

    @Test
    void upliftIsUndefinedWithoutABaselineRate() {
        var baseline = new CampaignReport.Rates(0.0, 2.0, 0.0, 2.0);
        var during = new CampaignReport.Rates(3.0, 3.0, 1.0, 4.0);

        assertThat(Uplift.of(during, baseline)).isEqualTo(new CampaignReport.Rates(null, 0.5, null, 1.0));
        assertThat(Uplift.of(during, null)).isNull();
    }
}
