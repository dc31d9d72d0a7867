package io.onestore.query.insight.tagtrend;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.onestore.query.post.PostFilters;
import io.onestore.query.post.TimeBuckets;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;

/** The one search of a tag trend: the last snapshot with a media count in each bucket of the window. */
final class TagTrendQuery {

    static final String CAPTURED_AT = "captured_at";
    static final String BUCKETS = "buckets";
    static final String LAST = "last";
    static final String MEDIA_COUNT = "media_count";

    private TagTrendQuery() {}

    static SearchRequest of(String index, String tag, String platform, TimeWindow window, Interval interval) {
        return SearchRequest.of(s -> s.index(index)
                .size(0)
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
                                        .docvalueFields(f -> f.field(MEDIA_COUNT))))));
    }
}
