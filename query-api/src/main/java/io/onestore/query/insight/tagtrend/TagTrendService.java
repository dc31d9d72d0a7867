package io.onestore.query.insight.tagtrend;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TagSnapshotDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.coverage.CoverageService;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A tag's media count per bucket in one search over the tag snapshots: the last snapshot of each bucket (a top hit,
 * not a max, because counts also shrink when posts are deleted or made private).
 */
@Service
public class TagTrendService {

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final CoverageService coverage;
    private final QueryApiProperties.Limits limits;

    TagTrendService(
            ElasticsearchClient client, IndexNames names, CoverageService coverage, QueryApiProperties properties) {
        this.client = client;
        this.names = names;
        this.coverage = coverage;
        this.limits = properties.limits();
    }

    public TagTrend trend(String tag, String platform, TimeWindow window, Interval interval) throws IOException {
        interval.checkBuckets(window, limits.maxBuckets());
        var response =
                client.search(TagTrendQuery.of(names.tagSnapshots(), tag, platform, window, interval), Void.class);
        List<TagTrend.Point> points = new ArrayList<>();
        Long previous = null;
        for (DateHistogramBucket bucket : response.aggregations()
                .get(TagTrendQuery.BUCKETS)
                .dateHistogram()
                .buckets()
                .array()) {
            Instant start = Instant.ofEpochMilli(bucket.key());
            if (!start.isBefore(window.to())) {
                continue;
            }
            List<Hit<JsonData>> hits = bucket.aggregations()
                    .get(TagTrendQuery.LAST)
                    .topHits()
                    .hits()
                    .hits();
            Long count = hits.isEmpty()
                    ? null
                    : hits.get(0).source().to(TagSnapshotDocument.class).mediaCount();
            points.add(point(start, count, previous));
            if (count != null) {
                previous = count;
            }
        }
        // The counts come from the tag's captures on this platform: its coverage there is what they rest on.
        var covered = coverage.load(
                        CoverageService.hashtagIds(List.of(tag)), List.of(Platform.fromKey(platform)), window)
                .over(window.from(), window.to());
        return new TagTrend(tag, platform, interval.text(), window.from(), window.to(), points, covered);
    }

    /** Growth against the previous known count, so a bucket without a capture does not break the line. */
    static TagTrend.Point point(Instant start, Long count, Long previous) {
        if (count == null || previous == null) {
            return new TagTrend.Point(start, count, null, null);
        }
        long growth = count - previous;
        return new TagTrend.Point(start, count, growth, previous == 0 ? null : growth / (double) previous);
    }
}
