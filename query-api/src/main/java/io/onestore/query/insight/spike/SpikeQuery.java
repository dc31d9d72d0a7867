package io.onestore.query.insight.spike;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.onestore.query.post.PostFilters;
import io.onestore.query.post.PostSummary;
import io.onestore.query.post.TimeBuckets;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The two searches of spike detection: the volume and engagement histogram, then the top posts of each spike. */
final class SpikeQuery {

    static final String BUCKETS = "buckets";
    static final String ENGAGEMENT = "engagement";
    static final String SPIKES = "spikes";
    static final String TOP = "top";

    private SpikeQuery() {}

    /** Posts and summed engagement per bucket over {@code extended} (the window plus its trailing baseline). */
    static SearchRequest histogram(String index, List<String> hashtags, TimeWindow extended, Interval interval) {
        return SearchRequest.of(s -> s.index(index)
                .size(0)
                .query(PostFilters.all(PostFilters.hashtags(hashtags), PostFilters.published(extended)))
                .aggregations(
                        BUCKETS, a -> a.dateHistogram(TimeBuckets.of(PostFilters.PUBLISHED_AT, interval, extended))
                                .aggregations(ENGAGEMENT, e -> e.sum(m -> m.field("engagement")))));
    }

    /** The {@code topPosts} most engaging posts of each bucket starting at one of {@code starts}, keyed by start. */
    static SearchRequest topPosts(
            String index, List<String> hashtags, List<Instant> starts, Interval interval, int topPosts) {
        Map<String, Query> ranges = new LinkedHashMap<>();
        for (Instant start : starts) {
            ranges.put(
                    start.toString(),
                    PostFilters.range(PostFilters.PUBLISHED_AT, start, start.plus(interval.duration())));
        }
        return SearchRequest.of(s -> s.index(index)
                .size(0)
                .query(PostFilters.hashtags(hashtags))
                .aggregations(SPIKES, a -> a.filters(f -> f.filters(b -> b.keyed(ranges)))
                        .aggregations(
                                TOP,
                                t -> t.topHits(h -> h.size(topPosts)
                                        .sort(o -> o.field(
                                                x -> x.field("engagement").order(SortOrder.Desc)))
                                        .sort(o -> o.field(x -> x.field(PostFilters.PUBLISHED_AT)
                                                .order(SortOrder.Desc)))
                                        .source(src -> src.filter(x -> x.includes(PostSummary.SOURCE_FIELDS)))))));
    }
}
