package io.onestore.query.insight.tagtrend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TagSnapshotDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.TestProperties;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #nike on Instagram: 1000 then 1100 on 10-01 (the last counts), nothing on 10-02, 1265 on 10-03 (+165 = +15 % on
 * the last known 1100), 1265 and a Graph API capture without count on 10-04 (+0), 1200 on 10-05 (-65).
 */
class TagTrendServiceTest {

    static ContractIndices es;
    static TagTrendService service;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(TagTrendServiceTest.class);
        service = new TagTrendService(es.names(), es.coverage(Clock.systemUTC()), TestProperties.defaults());
        es.tagSnapshots(List.of(
                snapshot(Platform.INSTAGRAM, 1000L, "2026-10-01T06:00:00Z"),
                snapshot(Platform.INSTAGRAM, 1100L, "2026-10-01T18:00:00Z"),
                snapshot(Platform.INSTAGRAM, 1265L, "2026-10-03T12:00:00Z"),
                snapshot(Platform.INSTAGRAM, 1265L, "2026-10-04T12:00:00Z"),
                snapshot(Platform.INSTAGRAM, null, "2026-10-04T13:00:00Z"),
                snapshot(Platform.INSTAGRAM, 1200L, "2026-10-05T01:00:00Z"),
                snapshot(Platform.X, 5L, "2026-10-01T06:00:00Z")));
    }

    static TagSnapshotDocument snapshot(Platform platform, Long count, String at) {
        return new TagSnapshotDocument(platform, "nike", count, 12, Instant.parse(at), "test");
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void mediaCountPerDayAndGrowthAgainstTheLastKnownCount() throws Exception {
        TagTrend trend = service.trend(
                "nike",
                "instagram",
                new TimeWindow(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-06T00:00:00Z")),
                Interval.parse("1d"));

        assertThat(trend.points())
                .extracting(TagTrend.Point::mediaCount)
                .containsExactly(1100L, null, 1265L, 1265L, 1200L);
        assertThat(trend.points()).extracting(TagTrend.Point::growth).containsExactly(null, null, 165L, 0L, -65L);
        assertThat(trend.points().get(2).growthRate()).isCloseTo(0.15, within(1e-12));
        assertThat(trend.points().get(3).growthRate()).isEqualTo(0.0);
        assertThat(trend.points().get(4).growthRate()).isCloseTo(-65 / 1265.0, within(1e-12));
        assertThat(trend.points().get(0).start()).isEqualTo("2026-10-01T00:00:00Z");
    }
}
