package io.onestore.query.insight.tagvolume;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.onestore.query.post.PostFilters;
import io.onestore.query.request.TimeWindow;

/** The one search of a tag's volume: its hour documents in the window, oldest first (at most one per hour). */
final class TagVolumeQuery {

    static final String BUCKET_START = "bucket_start";

    private TagVolumeQuery() {}

    /**
     * Before the ingestor installed {@code tag-volume} nothing was counted yet: an empty answer whose coverage says
     * so, not an error.
     *
     * @param hours the window's hours, which bound the documents it can hold
     */
    static SearchRequest of(String index, String tag, String platform, TimeWindow window, int hours) {
        return SearchRequest.of(s -> s.index(index)
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(hours)
                .query(PostFilters.all(
                        PostFilters.term("tag", tag),
                        PostFilters.term("platform", platform),
                        PostFilters.range(BUCKET_START, window.from(), window.to())))
                .sort(o -> o.field(f -> f.field(BUCKET_START).order(SortOrder.Asc))));
    }
}
