package io.onestore.query.insight.tagtrend;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import io.onestore.query.post.PostFilters;
import io.onestore.query.post.TimeBuckets;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;

/**
 * The one search of a tag trend: the last snapshot with a media count in each bucket of the window. An item of the
 * coverage block's multi-search ({@code CoverageService#loadWith}), so the whole answer is one round trip.
 */
final class TagTrendQuery {

    static final String CAPTURED_AT = "captured_at";
    static final String BUCKETS = "buckets";
    static final String LAST = "last";
    static final String MEDIA_COUNT = "media_count";

    private TagTrendQuery() {}

    static RequestItem of(String index, String tag, String platform, TimeWindow window, Interval interval) {
        return RequestItem.of(i -> i.header(h -> h.index(index)).body(s -> s.size(0)
                .query(PostFilters.all(
                        PostFilters.term("tag", tag),
                        PostFilters.term("platform", platform),
                        PostFilters.exists(MEDIA_COUNT),
                        PostFilters.range(CAPTURED_AT, window.from(), window.to())))
                .aggregations(BUCKETS, a -> a.dateHistogram(TimeBuckets.of(CAPTURED_AT, interval, window))
                        .aggregations(
                                LAST,
                                l -> l.topHits(h -> h.size(1)
                                        .sort(o -> o.field(
                                                f -> f.field(CAPTURED_AT).order(SortOrder.Desc)))
                                        // doc values: no source to load in Elasticsearch or to parse here
                                        .source(src -> src.fetch(false))
                                        .docvalueFields(f -> f.field(MEDIA_COUNT)))))));
    }
}
