package io.onestore.query.campaign;

import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.Ledgers;
import io.onestore.query.TestProperties;
import io.onestore.query.insight.influencer.InfluencerRanking;
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
 * A campaign from 2026-10-10 to 2026-10-13 (3 days) with a 2-day baseline and a 1-day after phase, on #nike and
 * the profile @nikerunning. Every expected number below is counted by hand from the posts in {@link #setUp()}.
 */
class CampaignReportTest {

    static ContractIndices es;
    static CampaignReportService reports;
    static String campaignId;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(CampaignReportTest.class);
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        var properties = TestProperties.defaults();
        var campaigns = new CampaignService(
                es.client(),
                es.names(),
                new CampaignTargets(new TargetStore(es.client(), es.names()), clock),
                properties,
                clock);
        reports = new CampaignReportService(
                es.client(),
                es.names(),
                campaigns,
                es.coverage(clock),
                properties,
                clock,
                new InfluencerService(es.client(), es.names(), es.coverage(clock), properties));
        // The hashtag and the handle were captured all through the report window: the uplift can be shown.
        es.ledger(
                List.of(
                        Ledgers.hashtag("nike", "2026-10-01T00:00:00Z", "2026-10-31T00:00:00Z"),
                        Ledgers.ledger(
                                TargetDocument.Kind.PROFILE,
                                "nikerunning",
                                Platform.INSTAGRAM,
                                "2026-10-01T00:00:00Z",
                                "2026-10-31T00:00:00Z")),
                List.of(),
                List.of());
        es.posts(List.of(
                // baseline [10-08, 10-10)
                post("1")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-08T10:00:00Z")
                        .likes(10)
                        .comments(2)
                        .build(),
                post("2")
                        .tags("nike")
                        .author("a2", "bob")
                        .at("2026-10-09T12:00:00Z")
                        .hiddenLikes()
                        .comments(4)
                        .build(),
                // during [10-10, 10-13)
                post("3")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-10T01:00:00Z")
                        .likes(30)
                        .comments(5)
                        .build(),
                post("4")
                        .tags("nike")
                        .author("a3", "cid")
                        .at("2026-10-10T05:00:00Z")
                        .likes(20)
                        .comments(0)
                        .build(),
                post("5")
                        .tags("run")
                        .author("a4", "nikerunning")
                        .at("2026-10-11T09:00:00Z")
                        .likes(50)
                        .comments(10)
                        .build(),
                post("6")
                        .tags("nike")
                        .at("2026-10-12T23:00:00Z")
                        .likes(5)
                        .comments(1)
                        .build(), // no author
                // after [10-13, 10-14)
                post("7")
                        .tags("nike")
                        .author("a2", "bob")
                        .at("2026-10-13T08:00:00Z")
                        .likes(8)
                        .comments(2)
                        .build(),
                // not the campaign's: other platform, other tag, before and at the end of the window
                post("8")
                        .platform(Platform.X)
                        .tags("nike")
                        .author("x1", "xu")
                        .at("2026-10-10T03:00:00Z")
                        .likes(99)
                        .build(),
                post("9")
                        .tags("adidas")
                        .author("a5", "eve")
                        .at("2026-10-10T03:00:00Z")
                        .likes(99)
                        .build(),
                post("10")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-07T23:59:59Z")
                        .likes(99)
                        .build(),
                post("11")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-14T00:00:00Z")
                        .likes(99)
                        .build()));
        campaignId = campaigns
                .create(new CampaignRequest(
                        "Just do it",
                        List.of("#Nike"),
                        List.of("@NikeRunning"),
                        List.of(Platform.INSTAGRAM),
                        Instant.parse("2026-10-10T00:00:00Z"),
                        Instant.parse("2026-10-13T00:00:00Z"),
                        2,
                        1))
                .id();
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    /** #nike on Instagram in the window: ann (posts 1, 3), bob (2, 7), cid (4); xu posts on X, eve in #adidas. */
    @Test
    void theReportRanksTheCampaignsInfluencersOnItsPlatforms() throws Exception {
        var influencers = reports.report(campaignId, Interval.parse("1d")).influencers();

        assertThat(influencers.influencers())
                .extracting(InfluencerRanking.Influencer::username)
                .containsExactlyInAnyOrder("ann", "bob", "cid");
        assertThat(influencers.postsWithoutAuthor()).as("post 6").isEqualTo(1);
        assertThat(influencers.notice()).contains("no author");
        assertThat(influencers.potentialReach().authorsWithoutEstimate())
                .as("no follower counts in this data")
                .isEqualTo(3);
    }

    @Test
    void totalsCountEveryPostOfTheWindowAndHiddenLikesAsUnknown() throws Exception {
        CampaignReport report = reports.report(campaignId, Interval.parse("1d"));

        assertThat(report.from()).isEqualTo("2026-10-08T00:00:00Z");
        assertThat(report.to()).isEqualTo("2026-10-14T00:00:00Z");
        // posts 1-7; authors a1..a4 (post 6 has none); likes 10+30+20+50+5+8; comments 2+4+5+0+10+1+2
        assertThat(report.totals()).isEqualTo(new CampaignReport.Totals(7, 4, 123, 24, 147, 1, 0));
    }

    @Test
    void phasesHaveTheirTotalsAndPerDayRates() throws Exception {
        CampaignReport.Phases phases =
                reports.report(campaignId, Interval.parse("1d")).phases();

        assertThat(phases.baseline().days()).isEqualTo(2.0);
        assertThat(phases.baseline().totals()).isEqualTo(new CampaignReport.Totals(2, 2, 10, 6, 16, 1, 0));
        assertThat(phases.baseline().perDay()).isEqualTo(new CampaignReport.Rates(1.0, 5.0, 3.0, 8.0));

        assertThat(phases.during().days()).isEqualTo(3.0);
        assertThat(phases.during().totals()).isEqualTo(new CampaignReport.Totals(4, 3, 105, 16, 121, 0, 0));
        assertThat(phases.during().perDay().posts()).isCloseTo(4 / 3.0, within(1e-9));
        assertThat(phases.during().perDay().likes()).isEqualTo(35.0);

        assertThat(phases.after().days()).isEqualTo(1.0);
        assertThat(phases.after().totals()).isEqualTo(new CampaignReport.Totals(1, 1, 8, 2, 10, 0, 0));
    }

    @Test
    void upliftComparesPerDayRatesWithTheBaseline() throws Exception {
        CampaignReport.Uplift uplift =
                reports.report(campaignId, Interval.parse("1d")).uplift();

        // during: posts (4/3)/1 - 1, likes 35/5 - 1, comments (16/3)/3 - 1, engagement (121/3)/8 - 1
        assertThat(uplift.duringVsBaseline().posts()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(uplift.duringVsBaseline().likes()).isCloseTo(6.0, within(1e-9));
        assertThat(uplift.duringVsBaseline().comments()).isCloseTo(7 / 9.0, within(1e-9));
        assertThat(uplift.duringVsBaseline().engagement()).isCloseTo(97 / 24.0, within(1e-9));
        // after: posts 1/1 - 1, likes 8/5 - 1, comments 2/3 - 1, engagement 10/8 - 1
        assertThat(uplift.afterVsBaseline().posts()).isCloseTo(0.0, within(1e-9));
        assertThat(uplift.afterVsBaseline().likes()).isCloseTo(0.6, within(1e-9));
        assertThat(uplift.afterVsBaseline().comments()).isCloseTo(-1 / 3.0, within(1e-9));
        assertThat(uplift.afterVsBaseline().engagement()).isCloseTo(0.25, within(1e-9));
        assertThat(uplift.duringVsBaselineWithheld()).isNull();
        assertThat(uplift.afterVsBaselineWithheld()).isNull();
    }

    @Test
    void theReportStatesTheCoverageOfItsTargetsAndPhases() throws Exception {
        CampaignReport report = reports.report(campaignId, Interval.parse("1d"));

        assertThat(report.coverage().complete()).isTrue();
        assertThat(report.coverage().from()).isEqualTo("2026-10-08T00:00:00Z");
        assertThat(report.coverage().to()).isEqualTo("2026-10-14T00:00:00Z");
        assertThat(report.coverage().targets())
                .extracting(c -> c.target())
                .containsExactly("hashtag:nike", "profile:nikerunning");
        assertThat(report.phases().baseline().coveredShare()).isEqualTo(1.0);
        assertThat(report.phases().after().coveredShare()).isEqualTo(1.0);
    }

    @Test
    void timelineHasOneBucketPerDayIncludingEmptyOnes() throws Exception {
        List<CampaignReport.TimelineBucket> timeline =
                reports.report(campaignId, Interval.parse("1d")).timeline();

        assertThat(timeline)
                .extracting(CampaignReport.TimelineBucket::start)
                .containsExactly(
                        Instant.parse("2026-10-08T00:00:00Z"),
                        Instant.parse("2026-10-09T00:00:00Z"),
                        Instant.parse("2026-10-10T00:00:00Z"),
                        Instant.parse("2026-10-11T00:00:00Z"),
                        Instant.parse("2026-10-12T00:00:00Z"),
                        Instant.parse("2026-10-13T00:00:00Z"));
        assertThat(timeline).extracting(CampaignReport.TimelineBucket::posts).containsExactly(1L, 1L, 2L, 1L, 1L, 1L);
        assertThat(timeline)
                .extracting(CampaignReport.TimelineBucket::engagement)
                .containsExactly(12L, 4L, 55L, 60L, 6L, 10L);
        assertThat(timeline.get(2).uniqueAuthors()).isEqualTo(2);
        assertThat(timeline.get(4).uniqueAuthors()).isZero();
    }

    @Test
    void hourlyTimelineCoversTheWindowAndTheCsvHasOneRowPerBucket() throws Exception {
        CampaignReport report = reports.report(campaignId, Interval.parse("1h"));

        assertThat(report.timeline()).hasSize(6 * 24);
        assertThat(report.timeline().stream()
                        .mapToLong(CampaignReport.TimelineBucket::posts)
                        .sum())
                .isEqualTo(7);
        String csv = TimelineCsv.of(report.timeline());
        assertThat(csv.split("\r\n")).hasSize(1 + 6 * 24);
        assertThat(csv).contains("2026-10-10T01:00:00Z,1,1,30,5,35,0,0\r\n");
    }
}
