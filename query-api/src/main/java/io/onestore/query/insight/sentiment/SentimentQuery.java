package io.onestore.query.insight.sentiment;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import io.onestore.model.document.Sentiment;
import io.onestore.query.post.PostFilters;
import io.onestore.query.post.PostSummary;
import io.onestore.query.post.TimeBuckets;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one search behind a sentiment timeline: labelled posts of the hashtags in the window, the same metrics over
 * the whole window and per bucket. {@code track_total_hits: true}: the overall post count is exact at any size
 * (without it Elasticsearch stops counting at 10,000).
 */
final class SentimentQuery {

    static final String BUCKETS = "buckets";
    static final String MEAN = "mean";
    static final String LABELS = "labels";
    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";
    static final String TOP = "top";

    private SentimentQuery() {}

    /** An item of the coverage block's multi-search ({@code CoverageService#loadWith}): one round trip in all. */
    static RequestItem of(String index, List<String> hashtags, TimeWindow window, Interval interval) {
        Map<String, Aggregation> metrics = metrics();
        return RequestItem.of(i -> i.header(h -> h.index(index)).body(s -> s.size(0)
                .trackTotalHits(t -> t.enabled(true))
                .query(PostFilters.all(
                        PostFilters.hashtags(hashtags),
                        PostFilters.published(window),
                        PostFilters.exists("sentiment.label")))
                .aggregations(metrics)
                .aggregations(BUCKETS, a -> a.dateHistogram(TimeBuckets.of(PostFilters.PUBLISHED_AT, interval, window))
                        .aggregations(metrics))));
    }

    private static Map<String, Aggregation> metrics() {
        Map<String, Aggregation> metrics = new LinkedHashMap<>();
        metrics.put(MEAN, Aggregation.of(a -> a.avg(v -> v.field("sentiment.compound"))));
        metrics.put(
                LABELS,
                Aggregation.of(a -> a.terms(t -> t.field("sentiment.label").size(3))));
        metrics.put(POSITIVE, extreme(Sentiment.Label.POSITIVE, SortOrder.Desc));
        metrics.put(NEGATIVE, extreme(Sentiment.Label.NEGATIVE, SortOrder.Asc));
        return metrics;
    }

    /** The most extreme post of one label; ties go to the most engaging post, then the newest. */
    private static Aggregation extreme(Sentiment.Label label, SortOrder order) {
        return Aggregation.of(a -> a.filter(
                        f -> f.term(t -> t.field("sentiment.label").value(label.key())))
                .aggregations(
                        TOP,
                        top -> top.topHits(h -> h.size(1)
                                .sort(o -> o.field(
                                        f -> f.field("sentiment.compound").order(order)))
                                .sort(o -> o.field(f -> f.field("engagement").order(SortOrder.Desc)))
                                .sort(o -> o.field(
                                        f -> f.field(PostFilters.PUBLISHED_AT).order(SortOrder.Desc)))
                                .source(src -> src.filter(x -> x.includes(PostSummary.SOURCE_FIELDS))))));
    }
}
