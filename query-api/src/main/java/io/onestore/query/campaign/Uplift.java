package io.onestore.query.campaign;

/**
 * Uplift of a phase over the baseline, per metric: {@code rate(phase) / rate(baseline) - 1}, on per-day rates so
 * phases of different lengths compare. Undefined (null) when the baseline rate is 0 or a phase has no elapsed days.
 * docs/insights.md#uplift has worked examples.
 */
final class Uplift {

    private Uplift() {}

    static CampaignReport.Rates of(CampaignReport.Rates phase, CampaignReport.Rates baseline) {
        if (phase == null || baseline == null) {
            return null;
        }
        return new CampaignReport.Rates(
                ratio(phase.posts(), baseline.posts()),
                ratio(phase.likes(), baseline.likes()),
                ratio(phase.comments(), baseline.comments()),
                ratio(phase.engagement(), baseline.engagement()));
    }

    static Double ratio(Double value, Double baseline) {
        if (value == null || baseline == null || baseline == 0) {
            return null;
        }
        return value / baseline - 1;
    }
}
