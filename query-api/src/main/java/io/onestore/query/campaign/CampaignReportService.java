package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.onestore.model.document.CampaignDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.coverage.Coverage;
import io.onestore.query.coverage.CoverageLedgers;
import io.onestore.query.coverage.CoverageService;
import io.onestore.query.coverage.Withheld;
import io.onestore.query.insight.influencer.InfluencerRanking;
import io.onestore.query.insight.influencer.InfluencerService;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Builds a campaign's report in two round trips: the campaign, then one search whose aggregations give the totals,
 * the phases and the timeline. Formulas: docs/insights.md#campaign-report.
 */
@Service
public class CampaignReportService {

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final CampaignService campaigns;
    private final CoverageService coverage;
    private final QueryApiProperties.Limits limits;
    private final double minComparableShare;
    private final Clock clock;
    private final InfluencerService influencers;
    private final int reachAuthors;

    /** Authors a report lists; its potential reach sums more (the ranking's maximum). */
    static final int TOP_INFLUENCERS = 10;

    CampaignReportService(
            ElasticsearchClient client,
            IndexNames names,
            CampaignService campaigns,
            CoverageService coverage,
            QueryApiProperties properties,
            Clock clock,
            InfluencerService influencers) {
        this.client = client;
        this.names = names;
        this.campaigns = campaigns;
        this.coverage = coverage;
        this.limits = properties.limits();
        this.minComparableShare = properties.coverage().minComparableShare();
        this.clock = clock;
        this.influencers = influencers;
        this.reachAuthors = properties.influencers().maxLimit();
    }

    /**
     * The report of a campaign, bucketed by {@code requested}, or when null by the shortest interval from one day up
     * that fits the report window ({@link Interval#fitting}), so a long campaign still gets a report by default.
     */
    public CampaignReport report(String campaignId, Interval requested) throws IOException {
        CampaignDocument campaign = campaigns.get(campaignId);
        Instant now = clock.instant();
        PhaseBounds bounds = PhaseBounds.of(campaign, now, requested == null ? Interval.parse("1d") : requested);
        Interval interval = requested == null ? Interval.fitting(bounds.window(), limits.maxBuckets()) : requested;
        interval.checkBuckets(bounds.window(), limits.maxBuckets());

        SearchResponse<Void> response =
                client.search(CampaignReportQuery.of(names.posts(), campaign, bounds, interval), Void.class);

        Map<String, Aggregate> result = response.aggregations();
        long posts =
                response.hits().total() == null ? 0 : response.hits().total().value();
        CampaignReport.Totals totals = ReportMetrics.totals(posts, result);
        var phaseBuckets =
                result.get(CampaignReportQuery.PHASES).filters().buckets().keyed();
        CoverageLedgers ledgers = coverage.load(targetIds(campaign), campaign.platforms(), bounds.window());
        Coverage baselineCoverage = ledgers.over(bounds.window().from(), campaign.start());
        Coverage duringCoverage = ledgers.over(campaign.start(), bounds.duringEnd());
        Coverage afterCoverage = campaign.end() == null
                ? null
                : ledgers.over(campaign.end(), bounds.window().to());
        CampaignReport.Phase baseline =
                phase(bounds.window().from(), campaign.start(), now, phaseBuckets.get("baseline"), baselineCoverage);
        CampaignReport.Phase during =
                phase(campaign.start(), bounds.duringEnd(), now, phaseBuckets.get("during"), duringCoverage);
        CampaignReport.Phase after = campaign.end() == null
                ? null
                : phase(campaign.end(), bounds.window().to(), now, phaseBuckets.get("after"), afterCoverage);

        List<CampaignReport.TimelineBucket> timeline = new ArrayList<>();
        for (DateHistogramBucket b : result.get(CampaignReportQuery.TIMELINE)
                .dateHistogram()
                .buckets()
                .array()) {
            Instant start = Instant.ofEpochMilli(b.key());
            if (!start.isBefore(bounds.window().to())) {
                continue;
            }
            timeline.add(ReportMetrics.bucket(start, b.docCount(), b.aggregations()));
        }
        return new CampaignReport(
                CampaignResponse.of(campaign),
                interval.text(),
                bounds.window().from(),
                bounds.window().to(),
                totals,
                timeline,
                new CampaignReport.Phases(baseline, during, after),
                uplift(baseline, baselineCoverage, during, duringCoverage, after, afterCoverage),
                ledgers.over(bounds.window().from(), bounds.window().to()),
                influencers(campaign, bounds.window(), ledgers));
    }

    /**
     * The campaign's top authors, its own handles left out; the reach sums the top {@code reachAuthors}. The
     * hashtags' coverage is the report's own ledgers' (the same targets, platforms and window), not read again.
     */
    private InfluencerRanking influencers(CampaignDocument campaign, TimeWindow window, CoverageLedgers ledgers)
            throws IOException {
        List<String> handles = campaign.handles() == null ? List.of() : campaign.handles();
        List<String> hashtags = campaign.hashtags() == null ? List.of() : campaign.hashtags();
        return influencers.rank(
                campaign.hashtags(),
                platforms(campaign),
                window,
                reachAuthors,
                influencers.owned(handles, false),
                TOP_INFLUENCERS,
                ledgers.only(CoverageService.hashtagIds(hashtags)).orElse(null));
    }

    private static List<String> platforms(CampaignDocument campaign) {
        return campaign.platforms() == null
                ? List.of()
                : campaign.platforms().stream().map(Platform::key).toList();
    }

    /**
     * Each later phase over the baseline, withheld (null, with the reason) when either side is covered less than
     * {@code minComparableShare}: a rate over an uncovered range is too low by what the gaps hold, so the ratio would
     * measure capture rather than the campaign (docs/coverage.md#refused-comparisons).
     */
    private CampaignReport.Uplift uplift(
            CampaignReport.Phase baseline,
            Coverage baselineCoverage,
            CampaignReport.Phase during,
            Coverage duringCoverage,
            CampaignReport.Phase after,
            Coverage afterCoverage) {
        Withheld baselineShort =
                Withheld.unless(baselineCoverage, minComparableShare, "baseline_not_covered", "The baseline");
        Withheld duringWithheld = refusal(baseline, during, baselineShort, duringCoverage, "The during phase");
        Withheld afterWithheld =
                after == null ? null : refusal(baseline, after, baselineShort, afterCoverage, "The after phase");
        return new CampaignReport.Uplift(
                duringWithheld == null ? Uplift.of(during.perDay(), baseline.perDay()) : null,
                after == null || afterWithheld != null ? null : Uplift.of(after.perDay(), baseline.perDay()),
                duringWithheld,
                afterWithheld);
    }

    private Withheld refusal(
            CampaignReport.Phase baseline,
            CampaignReport.Phase phase,
            Withheld baselineShort,
            Coverage phaseCoverage,
            String what) {
        if (baseline.perDay() == null || phase.perDay() == null) {
            return null; // no rates, nothing to withhold: the uplift is undefined anyway
        }
        return baselineShort != null
                ? baselineShort
                : Withheld.unless(phaseCoverage, minComparableShare, "phase_not_covered", what);
    }

    /** The campaign's targets as the ledger names them: its hashtags, then its handles' profiles. */
    static List<String> targetIds(CampaignDocument campaign) {
        List<String> ids = new ArrayList<>();
        if (campaign.hashtags() != null) {
            ids.addAll(CoverageService.hashtagIds(campaign.hashtags()));
        }
        if (campaign.handles() != null) {
            campaign.handles().forEach(h -> ids.add(TargetDocument.idOf(TargetDocument.Kind.PROFILE, h)));
        }
        return ids;
    }

    private static CampaignReport.Phase phase(
            Instant from, Instant to, Instant now, FiltersBucket b, Coverage coverage) {
        Instant elapsedEnd = to.isBefore(now) ? to : now;
        double days = elapsedEnd.isAfter(from)
                ? Duration.between(from, elapsedEnd).toMillis()
                        / (double) Duration.ofDays(1).toMillis()
                : 0;
        CampaignReport.Totals totals = ReportMetrics.totals(b.docCount(), b.aggregations());
        CampaignReport.Rates rates = days == 0
                ? null
                : new CampaignReport.Rates(
                        totals.posts() / days,
                        totals.likes() / days,
                        totals.comments() / days,
                        totals.engagement() / days);
        return new CampaignReport.Phase(from, to, days, totals, rates, coverage.coveredShare());
    }
}
