package io.onestore.query.insight.shareofvoice;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.MultiBucketBase;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.util.Locale;
import java.util.Map;

/** What a hashtag's voice is measured in. A post carrying two of the hashtags counts for both. */
public enum VoiceMetric {
    /** posts carrying the hashtag */
    POSTS,
    /** their summed engagement (likes + comments + shares, derived at index time) */
    ENGAGEMENT,
    /** distinct authors of those posts (posts without an author add none) */
    AUTHORS;

    static final String VALUE = "value";

    static VoiceMetric parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiException(ProblemType.INVALID_PARAMETER, "'metric' must be posts, engagement or authors");
        }
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The sub-aggregation that measures one hashtag; none for posts (the bucket's doc count). */
    Map<String, Aggregation> aggregations() {
        return switch (this) {
            case POSTS -> Map.of();
            case ENGAGEMENT -> Map.of(VALUE, Aggregation.of(a -> a.sum(s -> s.field("engagement"))));
            case AUTHORS ->
                Map.of(
                        VALUE,
                        Aggregation.of(
                                a -> a.cardinality(c -> c.field("author.id").precisionThreshold(40_000))));
        };
    }

    long read(MultiBucketBase bucket) {
        Map<String, Aggregate> aggs = bucket.aggregations();
        return switch (this) {
            case POSTS -> bucket.docCount();
            case ENGAGEMENT -> Math.round(aggs.get(VALUE).sum().value());
            case AUTHORS -> aggs.get(VALUE).cardinality().value();
        };
    }
}
