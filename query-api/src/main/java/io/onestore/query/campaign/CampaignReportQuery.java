package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.onestore.model.document.CampaignDocument;
import io.onestore.model.document.Platform;
import io.onestore.query.post.PostFilters;
import io.onestore.query.post.TimeBuckets;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one search behind a campaign report: posts of the campaign's hashtags or handles in the report window, with
 * the totals ({@link ReportMetrics}), the phases as keyed {@code filters} buckets and the timeline as a histogram.
 * The total hit count is exact ({@code track_total_hits: true}), so {@code posts} never stops at 10,000.
 */
final class CampaignReportQuery {

    static final String PHASES = "phases";
    static final String TIMELINE = "timeline";

    private CampaignReportQuery() {}

    static SearchRequest of(String index, CampaignDocument campaign, PhaseBounds bounds, Interval interval) {
        TimeWindow window = bounds.window();
        Map<String, Query> phases = new LinkedHashMap<>();
        phases.put("baseline", PostFilters.range(PostFilters.PUBLISHED_AT, window.from(), campaign.start()));
        phases.put("during", PostFilters.range(PostFilters.PUBLISHED_AT, campaign.start(), bounds.duringEnd()));
        if (campaign.end() != null) {
            phases.put("after", PostFilters.range(PostFilters.PUBLISHED_AT, campaign.end(), window.to()));
        }
        Map<String, Aggregation> aggs = new LinkedHashMap<>(ReportMetrics.aggregations());
        aggs.put(PHASES, Aggregation.of(a -> a.filters(f -> f.filters(b -> b.keyed(phases)))
                .aggregations(ReportMetrics.aggregations())));
        aggs.put(TIMELINE, Aggregation.of(a -> a.dateHistogram(
                        TimeBuckets.of(PostFilters.PUBLISHED_AT, interval, window))
                .aggregations(ReportMetrics.aggregations())));
        return SearchRequest.of(s -> s.index(index)
                .size(0)
                .trackTotalHits(t -> t.enabled(true))
                .query(matching(campaign, window))
                .aggregations(aggs));
    }

    /** Posts in the window with any of the campaign's hashtags or handles, on its platforms. */
    private static Query matching(CampaignDocument campaign, TimeWindow window) {
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
}
