package io.onestore.ingestor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnrichmentBudgetTest {

    @Test
    void theShareIsTheFloorOfShareTimesAccountsTimesCalls() {
        EnrichmentBudget budget = new EnrichmentBudget(0.2, 3, 200, Duration.ofHours(1));

        assertThat(budget.perWindow()).isEqualTo(120);
        int granted = 0;
        while (budget.tryAcquire()) {
            granted++;
        }
        assertThat(granted).isEqualTo(120);
    }

    @Test
    void aZeroShareOrAnEmptyPoolGrantsNothing() {
        assertThat(new EnrichmentBudget(0.0, 3, 200, Duration.ofHours(1)).tryAcquire())
                .isFalse();
        assertThat(new EnrichmentBudget(0.2, 0, 200, Duration.ofHours(1)).tryAcquire())
                .isFalse();
        assertThat(new EnrichmentBudget(0.001, 1, 200, Duration.ofHours(1)).tryAcquire())
                .as("0.2 of a call rounds down to none")
                .isFalse();
    }
}
