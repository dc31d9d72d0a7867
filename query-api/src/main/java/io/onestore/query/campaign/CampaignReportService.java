package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.onestore.model.document.CampaignDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.insight.Interval;
import io.onestore.query.insight.PostFilters;
import io.onestore.query.insight.TimeWindow;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private final QueryApiProperties.Limits limits;
    private final Clock clock;

    CampaignReportService(
            ElasticsearchClient client,
            IndexNames names,
            CampaignService campaigns,
            QueryApiProperties properties,
            Clock clock) {
        this.client = client;
        this.names = names;
        this.campaigns = campaigns;
        this.limits = properties.limits();
        this.clock = clock;
    }

    public CampaignReport report(String campaignId, Interval interval) throws IOException {
        CampaignDocument campaign = campaigns.get(campaignId);
        Instant now = clock.instant();
        PhaseBounds bounds = PhaseBounds.of(campaign, now, interval);
        interval.checkBuckets(bounds.window(), limits.maxBuckets());

        Map<String, Query> phaseFilters = new LinkedHashMap<>();
        phaseFilters.put(
                "baseline",
                PostFilters.range(PostFilters.PUBLISHED_AT, bounds.window().from(), campaign.start()));
        phaseFilters.put("during", PostFilters.range(PostFilters.PUBLISHED_AT, campaign.start(), bounds.duringEnd()));
        if (campaign.end() != null) {
            phaseFilters.put(
                    "after",
                    PostFilters.range(
                            PostFilters.PUBLISHED_AT,
                            campaign.end(),
                            bounds.window().to()));
        }
        Map<String, Aggregation> aggs = new LinkedHashMap<>(ReportMetrics.aggregations());
        aggs.put("phases", Aggregation.of(a -> a.filters(f -> f.filters(b -> b.keyed(phaseFilters)))
                .aggregations(ReportMetrics.aggregations())));
        aggs.put("timeline", Aggregation.of(a -> a.dateHistogram(h -> h.field(PostFilters.PUBLISHED_AT)
                        .fixedInterval(t -> t.time(interval.esFixedInterval()))
                        .minDocCount(0)
                        .extendedBounds(e -> e.min(FieldDateMath.of(m ->
                                        m.value((double) bounds.window().from().toEpochMilli())))
                                .max(FieldDateMath.of(m ->
                                        m.value((double) (bounds.window().to().toEpochMilli() - 1))))))
                .aggregations(ReportMetrics.aggregations())));

        SearchResponse<Void> response = client.search(
                s -> s.index(names.posts())
                        .size(0)
                        .trackTotalHits(t -> t.enabled(true))
                        .query(query(campaign, bounds.window()))
                        .aggregations(aggs),
                Void.class);

        Map<String, Aggregate> result = response.aggregations();
        long posts =
                response.hits().total() == null ? 0 : response.hits().total().value();
        CampaignReport.Totals totals = ReportMetrics.totals(posts, result);
        var phaseBuckets = result.get("phases").filters().buckets().keyed();
        CampaignReport.Phase baseline =
                phase(bounds.window().from(), campaign.start(), now, phaseBuckets.get("baseline"));
        CampaignReport.Phase during = phase(campaign.start(), bounds.duringEnd(), now, phaseBuckets.get("during"));
        CampaignReport.Phase after = campaign.end() == null
                ? null
                : phase(campaign.end(), bounds.window().to(), now, phaseBuckets.get("after"));

        List<CampaignReport.TimelineBucket> timeline = new ArrayList<>();
        for (DateHistogramBucket b :
                result.get("timeline").dateHistogram().buckets().array()) {
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
                new CampaignReport.Uplift(
                        Uplift.of(during.perDay(), baseline.perDay()),
                        after == null ? null : Uplift.of(after.perDay(), baseline.perDay())));
    }

    private static Query query(CampaignDocument campaign, TimeWindow window) {
        List<Query> should = new ArrayList<>();
        if (campaign.hashtags() != null && !campaign.hashtags().isEmpty()) {
            should.add(PostFilters.hashtags(campaign.hashtags()));
        }
        if (campaign.handles() != null && !campaign.handles().isEmpty()) {
            should.add(PostFilters.terms("author.username", campaign.handles()));
        }
        List<Query> filters = new ArrayList<>();
        filters.add(PostFilters.published(window));
        if (campaign.platforms() != null && !campaign.platforms().isEmpty()) {
            filters.add(PostFilters.terms(
                    "platform", campaign.platforms().stream().map(Platform::key).toList()));
        }
        filters.add(Query.of(q -> q.bool(b -> b.should(should).minimumShouldMatch("1"))));
        return Query.of(q -> q.bool(b -> b.filter(filters)));
    }

    private static CampaignReport.Phase phase(Instant from, Instant to, Instant now, FiltersBucket b) {
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
        return new CampaignReport.Phase(from, to, days, totals, rates);
    }

    /** The report window and where "during" ends: at {@code end}, or now while the campaign is open. */
    record PhaseBounds(TimeWindow window, Instant duringEnd) {

        static PhaseBounds of(CampaignDocument c, Instant now, Interval interval) {
            Instant from = c.start().minus(Duration.ofDays(c.baselineDays()));
            if (c.end() != null) {
                return new PhaseBounds(new TimeWindow(from, c.end().plus(Duration.ofDays(c.afterDays()))), c.end());
            }
            Instant to = now.isAfter(c.start()) ? now : c.start();
            if (!to.isAfter(from)) {
                to = from.plus(interval.duration());
            }
            return new PhaseBounds(new TimeWindow(from, to), to);
        }
    }
}
