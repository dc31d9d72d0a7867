package io.onestore.query.campaign;

import static io.onestore.query.Ledgers.gap;
import static io.onestore.query.Ledgers.hashtag;
import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.query.ContractIndices;
import io.onestore.query.TestProperties;
import io.onestore.query.coverage.Coverage;
import io.onestore.query.coverage.Withheld;
import io.onestore.query.insight.influencer.InfluencerService;
import io.onestore.query.request.Interval;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report refuses an uplift its capture cannot support. Both campaigns run [10-10, 10-13) with a 2-day baseline
 * and 1 day after, and have posts in every phase. #puma was first captured on 10-09T00:00: half its baseline is not
 * covered. #reebok is covered throughout but for a 12-hour page-budget gap in its during phase (5/6 covered).
 */
class CampaignCoverageTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

    static ContractIndices es;
    static CampaignReportService reports;
    static String puma;
    static String reebok;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(CampaignCoverageTest.class);
        var properties = TestProperties.defaults();
        var campaigns = new CampaignService(
                es.client(),
                es.names(),
                new CampaignTargets(new TargetStore(es.client(), es.names()), CLOCK),
                properties,
                CLOCK);
        reports = new CampaignReportService(
                es.client(),
                es.names(),
                campaigns,
                es.coverage(CLOCK),
                properties,
                CLOCK,
                new InfluencerService(es.client(), es.names(), es.coverage(CLOCK), properties));
        es.posts(List.of(
                post("p1").tags("puma").at("2026-10-09T12:00:00Z").likes(10).build(),
                post("p2").tags("puma").at("2026-10-11T12:00:00Z").likes(10).build(),
                post("p3").tags("puma").at("2026-10-13T12:00:00Z").likes(10).build(),
                post("r1").tags("reebok").at("2026-10-08T12:00:00Z").likes(10).build(),
                post("r2").tags("reebok").at("2026-10-11T12:00:00Z").likes(10).build(),
                post("r3").tags("reebok").at("2026-10-13T12:00:00Z").likes(10).build()));
        es.ledger(
                List.of(
                        hashtag("puma", "2026-10-09T00:00:00Z", "2026-10-31T00:00:00Z"),
                        hashtag("reebok", "2026-10-01T00:00:00Z", "2026-10-31T00:00:00Z")),
                List.of(gap("reebok", "2026-10-11T00:00:00Z", "2026-10-11T12:00:00Z", GapReason.PAGE_BUDGET)),
                List.of());
        puma = campaign(campaigns, "puma");
        reebok = campaign(campaigns, "reebok");
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void anUncoveredBaselineWithholdsEveryUplift() throws Exception {
        CampaignReport report = reports.report(puma, Interval.parse("1d"));

        // The rates exist (1 baseline post over 2 days, 1 during over 3), the ratios are not shown.
        assertThat(report.phases().baseline().perDay().posts()).isEqualTo(0.5);
        assertThat(report.phases().baseline().coveredShare()).isEqualTo(0.5);
        assertThat(report.phases().during().coveredShare()).isEqualTo(1.0);
        assertThat(report.uplift().duringVsBaseline()).isNull();
        assertThat(report.uplift().afterVsBaseline()).isNull();
        Withheld expected = new Withheld(
                "baseline_not_covered",
                "The baseline is covered 50.0 % by capture, below the 95.0 % a comparison needs");
        assertThat(report.uplift().duringVsBaselineWithheld()).isEqualTo(expected);
        assertThat(report.uplift().afterVsBaselineWithheld()).isEqualTo(expected);
        // The report's window: 1 of its 6 days is before capture began.
        assertThat(report.coverage().coveredShare()).isEqualTo(5 / 6.0);
        assertThat(report.coverage().targets().get(0).gaps())
                .containsExactly(new Coverage.Gap(
                        Instant.parse("2026-10-08T00:00:00Z"),
                        Instant.parse("2026-10-09T00:00:00Z"),
                        "before_coverage",
                        "instagram"));
        assertThat(report.coverage().notice()).startsWith("Incomplete: capture covers 83.3 % of this window");
    }

    @Test
    void aGapInThePhaseWithholdsOnlyItsOwnUplift() throws Exception {
        CampaignReport report = reports.report(reebok, Interval.parse("1d"));

        // during: 12 h of 72 not read.
        assertThat(report.phases().during().coveredShare()).isEqualTo(60 / 72.0);
        assertThat(report.uplift().duringVsBaseline()).isNull();
        assertThat(report.uplift().duringVsBaselineWithheld())
                .isEqualTo(new Withheld(
                        "phase_not_covered",
                        "The during phase is covered 83.3 % by capture, below the 95.0 % a comparison needs"));
        // after is covered like the baseline: posts 1/1 over 1/2 per day.
        assertThat(report.uplift().afterVsBaselineWithheld()).isNull();
        assertThat(report.uplift().afterVsBaseline().posts()).isCloseTo(1.0, within(1e-12));
        assertThat(report.coverage().targets().get(0).gaps())
                .containsExactly(new Coverage.Gap(
                        Instant.parse("2026-10-11T00:00:00Z"),
                        Instant.parse("2026-10-11T12:00:00Z"),
                        "page_budget",
                        "instagram"));
    }

    private static String campaign(CampaignService campaigns, String tag) throws Exception {
        return campaigns
                .create(new CampaignRequest(
                        tag,
                        List.of(tag),
                        List.of(),
                        List.of(Platform.INSTAGRAM),
                        Instant.parse("2026-10-10T00:00:00Z"),
                        Instant.parse("2026-10-13T00:00:00Z"),
                        2,
                        1))
                .id();
    }
}
