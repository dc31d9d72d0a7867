package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CapturePlannerTest {

    static CapturePlanner.Budget budget(double callsPerHour, int slots) {
        return new CapturePlanner.Budget(
                callsPerHour, slots, 24, 100, 0.8, Duration.ofMinutes(1), Duration.ofMinutes(30), 1);
    }

    static Map<String, CapturePlanner.Planned> byId(List<CapturePlanner.Planned> plans) {
        return plans.stream().collect(Collectors.toMap(CapturePlanner.Planned::id, Function.identity()));
    }

    @Test
    void aBusyTagGetsAnIntervalItsPageBudgetCanHoldAndAQuietOneTheLongest() {
        var plans = byId(new CapturePlanner(budget(4000, -1))
                .plan(List.of(
                        new CapturePlanner.Load("hashtag:busy", 20_000.0, false, true),
                        new CapturePlanner.Load("hashtag:quiet", 6.0, false, true))));
        // 100 pages × 24 posts × 0.8 / 20,000 an hour = 5.76 minutes.
        assertThat(plans.get("hashtag:busy").interval().toMillis()).isEqualTo(345_600);
        assertThat(plans.get("hashtag:busy").underCovered()).isFalse();
        assertThat(plans.get("hashtag:quiet").interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(plans.values().stream()
                        .mapToDouble(CapturePlanner.Planned::callsPerHour)
                        .sum())
                .isLessThan(4000);
    }

    @Test
    void whenTheBudgetIsShortCampaignTargetsComeFirstAndTheRestAreNamedWithTheirShare() {
        var plans = byId(new CapturePlanner(budget(1000, -1))
                .plan(List.of(
                        new CapturePlanner.Load("hashtag:other", 20_000.0, false, true),
                        new CapturePlanner.Load("hashtag:campaign", 20_000.0, true, true))));
        CapturePlanner.Planned campaign = plans.get("hashtag:campaign");
        CapturePlanner.Planned other = plans.get("hashtag:other");
        assertThat(campaign.underCovered()).isFalse();
        assertThat(other.underCovered()).isTrue();
        assertThat(other.reason()).isEqualTo("account_budget");
        // 1000 - (20000/24 + 60/5.76) calls left, less 2 an hour for the page past the mark.
        double left = 1000 - (20_000 / 24.0 + 60 / 5.76);
        assertThat(other.expectedShare()).isCloseTo((left - 2) * 24 / 20_000, within(0.01));
        assertThat(campaign.callsPerHour() + other.callsPerHour()).isLessThanOrEqualTo(1000.0001);
    }

    @Test
    void graphHashtagsBeyondTheSlotsAreNotCapturedAndSaySo() {
        var plans = byId(new CapturePlanner(budget(4000, 1))
                .plan(List.of(
                        new CapturePlanner.Load("hashtag:a", 10.0, true, true),
                        new CapturePlanner.Load("hashtag:b", 10.0, false, true),
                        new CapturePlanner.Load("profile:a", 1.0, false, false))));
        assertThat(plans.get("hashtag:a").underCovered()).isFalse();
        assertThat(plans.get("hashtag:b").expectedShare()).isZero();
        assertThat(plans.get("hashtag:b").reason()).isEqualTo("hashtag_quota");
        assertThat(plans.get("profile:a").underCovered()).isFalse();
    }

    @Test
    void aRateBeyondThePageBudgetAtTheShortestIntervalIsUnderCoveredByPageBudget() {
        CapturePlanner.Planned plan = new CapturePlanner(budget(100_000, -1))
                .plan(List.of(new CapturePlanner.Load("hashtag:huge", 500_000.0, false, true)))
                .get(0);
        assertThat(plan.interval()).isEqualTo(Duration.ofMinutes(1));
        // 500,000 an hour is 347 pages a minute; 99 of them fit past the mark page.
        assertThat(plan.expectedShare()).isCloseTo(99 / (500_000 / 60.0 / 24), within(0.001));
        assertThat(plan.reason()).isEqualTo("page_budget");
    }
}
