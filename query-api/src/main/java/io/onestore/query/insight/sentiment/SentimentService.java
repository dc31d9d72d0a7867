package io.onestore.query.insight.sentiment;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.Sentiment;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.coverage.CoverageService;
import io.onestore.query.post.PostSummary;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
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

    private final IndexNames names;
    private final CoverageService coverage;
    private final QueryApiProperties.Limits limits;

    SentimentService(IndexNames names, CoverageService coverage, QueryApiProperties properties) {
        this.names = names;
        this.coverage = coverage;
        this.limits = properties.limits();
    }

    public SentimentTimeline compute(List<String> hashtags, TimeWindow window, Interval interval) throws IOException {
        interval.checkBuckets(window, limits.maxBuckets());
        var read = coverage.loadWith(
                SentimentQuery.of(names.posts(), hashtags, window, interval),
                CoverageService.hashtagIds(hashtags),
                null,
                window);
        var response = read.search();
        long total =
                response.hits().total() == null ? 0 : response.hits().total().value();
        SentimentTimeline.Bucket overall = bucket(null, total, response.aggregations());
        List<SentimentTimeline.Bucket> buckets = new ArrayList<>();
        for (DateHistogramBucket b : response.aggregations()
                .get(SentimentQuery.BUCKETS)
                .dateHistogram()
                .buckets()
                .array()) {
            Instant start = Instant.ofEpochMilli(b.key());
            if (start.isBefore(window.to())) {
                buckets.add(bucket(start, b.docCount(), b.aggregations()));
            }
        }
        return new SentimentTimeline(
                hashtags,
                interval.text(),
                window.from(),
                window.to(),
                overall,
                buckets,
                read.ledgers().over(window.from(), window.to()));
    }

    private static SentimentTimeline.Bucket bucket(Instant start, long posts, Map<String, Aggregate> aggs) {
        Map<String, Long> labels = new LinkedHashMap<>();
        for (StringTermsBucket label :
                aggs.get(SentimentQuery.LABELS).sterms().buckets().array()) {
            labels.put(label.key().stringValue(), label.docCount());
        }
        Double mean = posts == 0 ? null : aggs.get(SentimentQuery.MEAN).avg().value();
        return new SentimentTimeline.Bucket(
                start,
                posts,
                mean == null ? null : Math.round(mean * 10_000) / 10_000.0,
                labels.getOrDefault(Sentiment.Label.POSITIVE.key(), 0L),
                labels.getOrDefault(Sentiment.Label.NEUTRAL.key(), 0L),
                labels.getOrDefault(Sentiment.Label.NEGATIVE.key(), 0L),
                top(aggs.get(SentimentQuery.POSITIVE)),
                top(aggs.get(SentimentQuery.NEGATIVE)));
    }

    private static PostSummary top(Aggregate filter) {
        List<Hit<JsonData>> hits = filter.filter()
                .aggregations()
                .get(SentimentQuery.TOP)
                .topHits()
                .hits()
                .hits();
        if (hits.isEmpty()) {
            return null;
        }
        return PostSummary.of(hits.get(0).id(), hits.get(0).source().to(PostDocument.class));
    }
}
