package io.onestore.query.insight.shareofvoice;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import io.onestore.model.document.Platform;
import io.onestore.query.post.PostFilters;
import io.onestore.query.post.TimeBuckets;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one search of share of voice: a keyed filter per hashtag over the window, and the same per UTC day. */
final class ShareOfVoiceQuery {

    static final Interval DAY = Interval.parse("1d");
    static final String TAGS = "tags";
    static final String DAYS = "days";

    private ShareOfVoiceQuery() {}

    /**
     * An item of the coverage block's multi-search ({@code CoverageService#loadWith}): one round trip in all.
     *
     * @param platform null: every platform
     */
    static RequestItem of(
            String index, List<String> hashtags, TimeWindow window, VoiceMetric metric, Platform platform) {
        Map<String, Query> perTag = new LinkedHashMap<>();
        hashtags.forEach(tag -> perTag.put(tag, PostFilters.term("hashtags", tag)));
        Aggregation tags = Aggregation.of(
                a -> a.filters(f -> f.filters(b -> b.keyed(perTag))).aggregations(metric.aggregations()));
        return RequestItem.of(i -> i.header(h -> h.index(index)).body(s -> s.size(0)
                .query(
                        platform == null
                                ? PostFilters.all(PostFilters.hashtags(hashtags), PostFilters.published(window))
                                : PostFilters.all(
                                        PostFilters.hashtags(hashtags),
                                        PostFilters.published(window),
                                        PostFilters.term("platform", platform.key())))
                .aggregations(TAGS, tags)
                .aggregations(DAYS, a -> a.dateHistogram(TimeBuckets.of(PostFilters.PUBLISHED_AT, DAY, window))
                        .aggregations(TAGS, tags))));
    }
}
