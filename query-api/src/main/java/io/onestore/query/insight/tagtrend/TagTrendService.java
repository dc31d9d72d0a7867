package io.onestore.query.insight.tagtrend;

import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.onestore.model.document.Platform;
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
 * not a max, because counts also shrink when posts are deleted or made private). That search and the coverage block's
 * reads go to Elasticsearch as one {@code _msearch}.
 */
@Service
public class TagTrendService {

    private final IndexNames names;
    private final CoverageService coverage;
    private final QueryApiProperties.Limits limits;

    TagTrendService(IndexNames names, CoverageService coverage, QueryApiProperties properties) {
        this.names = names;
        this.coverage = coverage;
        this.limits = properties.limits();
    }

    public TagTrend trend(String tag, String platform, TimeWindow window, Interval interval) throws IOException {
        interval.checkBuckets(window, limits.maxBuckets());
        // The counts come from the tag's captures on this platform: its coverage there is what they rest on. Read in
        // the same round trip as the counts.
        var read = coverage.loadWith(
                TagTrendQuery.of(names.tagSnapshots(), tag, platform, window, interval),
                CoverageService.hashtagIds(List.of(tag)),
                List.of(Platform.fromKey(platform)),
                window);
        var response = read.search();
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
                    : hits.get(0).fields().get(TagTrendQuery.MEDIA_COUNT).to(long[].class)[0];
            points.add(point(start, count, previous));
            if (count != null) {
                previous = count;
            }
        }
        var covered = read.ledgers().over(window.from(), window.to());
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
