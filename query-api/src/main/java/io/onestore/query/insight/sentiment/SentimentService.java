package io.onestore.query.insight.sentiment;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.Sentiment;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.insight.Interval;
import io.onestore.query.insight.PostFilters;
import io.onestore.query.insight.PostSummary;
import io.onestore.query.insight.TimeWindow;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Sentiment per bucket in one search: the mean of the VADER compound scores stored at index time, the label counts,
 * and the extreme posts. Labels were decided by the ingestor with {@link Sentiment#THRESHOLD}, so counting them here
 * applies the same ±0.05 rule without a script.
 */
@Service
public class SentimentService {

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final QueryApiProperties.Limits limits;

    SentimentService(ElasticsearchClient client, IndexNames names, QueryApiProperties properties) {
        this.client = client;
        this.names = names;
        this.limits = properties.limits();
    }

    public SentimentTimeline compute(List<String> hashtags, TimeWindow window, Interval interval) throws IOException {
        interval.checkBuckets(window, limits.maxBuckets());
        Map<String, Aggregation> metrics = metrics();
        var response = client.search(
                s -> s.index(names.posts())
                        .size(0)
                        .query(PostFilters.all(
                                PostFilters.hashtags(hashtags),
                                PostFilters.published(window),
                                PostFilters.exists("sentiment.label")))
                        .aggregations(metrics)
                        .aggregations("buckets", a -> a.dateHistogram(h -> h.field(PostFilters.PUBLISHED_AT)
                                        .fixedInterval(t -> t.time(interval.esFixedInterval()))
                                        .minDocCount(0)
                                        .extendedBounds(e -> e.min(millis(window.from()))
                                                .max(millis(window.to().minusMillis(1)))))
                                .aggregations(metrics)),
                Void.class);
        long total =
                response.hits().total() == null ? 0 : response.hits().total().value();
        SentimentTimeline.Bucket overall = bucket(null, total, response.aggregations());
        List<SentimentTimeline.Bucket> buckets = new ArrayList<>();
        for (DateHistogramBucket b :
                response.aggregations().get("buckets").dateHistogram().buckets().array()) {
            Instant start = Instant.ofEpochMilli(b.key());
            if (start.isBefore(window.to())) {
                buckets.add(bucket(start, b.docCount(), b.aggregations()));
            }
        }
        return new SentimentTimeline(hashtags, interval.text(), window.from(), window.to(), overall, buckets);
    }

    private static Map<String, Aggregation> metrics() {
        Map<String, Aggregation> metrics = new LinkedHashMap<>();
        metrics.put("mean", Aggregation.of(a -> a.avg(v -> v.field("sentiment.compound"))));
        metrics.put(
                "labels",
                Aggregation.of(a -> a.terms(t -> t.field("sentiment.label").size(3))));
        metrics.put("positive", extreme(Sentiment.Label.POSITIVE, SortOrder.Desc));
        metrics.put("negative", extreme(Sentiment.Label.NEGATIVE, SortOrder.Asc));
        return metrics;
    }

    /** The most extreme post of one label; ties go to the most engaging post, then the newest. */
    private static Aggregation extreme(Sentiment.Label label, SortOrder order) {
        return Aggregation.of(a -> a.filter(
                        f -> f.term(t -> t.field("sentiment.label").value(label.key())))
                .aggregations(
                        "top",
                        top -> top.topHits(h -> h.size(1)
                                .sort(o -> o.field(
                                        f -> f.field("sentiment.compound").order(order)))
                                .sort(o -> o.field(f -> f.field("engagement").order(SortOrder.Desc)))
                                .sort(o -> o.field(
                                        f -> f.field(PostFilters.PUBLISHED_AT).order(SortOrder.Desc)))
                                .source(src -> src.filter(x -> x.excludes(PostSummary.EXCLUDED_SOURCE))))));
    }

    private static SentimentTimeline.Bucket bucket(Instant start, long posts, Map<String, Aggregate> aggs) {
        Map<String, Long> labels = new LinkedHashMap<>();
        for (StringTermsBucket label : aggs.get("labels").sterms().buckets().array()) {
            labels.put(label.key().stringValue(), label.docCount());
        }
        Double mean = posts == 0 ? null : aggs.get("mean").avg().value();
        return new SentimentTimeline.Bucket(
                start,
                posts,
                mean == null ? null : Math.round(mean * 10_000) / 10_000.0,
                labels.getOrDefault(Sentiment.Label.POSITIVE.key(), 0L),
                labels.getOrDefault(Sentiment.Label.NEUTRAL.key(), 0L),
                labels.getOrDefault(Sentiment.Label.NEGATIVE.key(), 0L),
                top(aggs.get("positive")),
                top(aggs.get("negative")));
    }

    private static PostSummary top(Aggregate filter) {
        List<Hit<JsonData>> hits =
                filter.filter().aggregations().get("top").topHits().hits().hits();
        if (hits.isEmpty()) {
            return null;
        }
        return PostSummary.of(hits.get(0).id(), hits.get(0).source().to(PostDocument.class));
    }

    private static FieldDateMath millis(Instant instant) {
        return FieldDateMath.of(m -> m.value((double) instant.toEpochMilli()));
    }
}
