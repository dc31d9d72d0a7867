package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import java.time.Instant;
import java.util.Map;

/**
 * The metric sub-aggregations every part of a report uses (totals, phases, timeline buckets), and how they are read
 * back. All over fields derived at index time: no scripts.
 */
final class ReportMetrics {

    /**
     * Exact below this many distinct authors (Elasticsearch's maximum); approximate, within a few percent, above.
     */
    static final int CARDINALITY_PRECISION = 40_000;

    private ReportMetrics() {}

    static Map<String, Aggregation> aggregations() {
        return Map.of(
                "likes", Aggregation.of(a -> a.sum(s -> s.field("likes"))),
                "comments", Aggregation.of(a -> a.sum(s -> s.field("comments"))),
                "engagement", Aggregation.of(a -> a.sum(s -> s.field("engagement"))),
                "authors",
                        Aggregation.of(a ->
                                a.cardinality(c -> c.field("author.id").precisionThreshold(CARDINALITY_PRECISION))),
                "unknown_likes",
                        Aggregation.of(
                                a -> a.filter(f -> f.bool(b -> b.mustNot(m -> m.exists(e -> e.field("likes")))))),
                "unknown_engagement",
                        Aggregation.of(
                                a -> a.filter(f -> f.bool(b -> b.mustNot(m -> m.exists(e -> e.field("engagement")))))));
    }

    static CampaignReport.Totals totals(long posts, Map<String, Aggregate> aggs) {
        return new CampaignReport.Totals(
                posts,
                aggs.get("authors").cardinality().value(),
                sum(aggs, "likes"),
                sum(aggs, "comments"),
                sum(aggs, "engagement"),
                aggs.get("unknown_likes").filter().docCount(),
                aggs.get("unknown_engagement").filter().docCount());
    }

    static CampaignReport.TimelineBucket bucket(Instant start, long posts, Map<String, Aggregate> aggs) {
        CampaignReport.Totals t = totals(posts, aggs);
        return new CampaignReport.TimelineBucket(
                start,
                t.posts(),
                t.uniqueAuthors(),
                t.likes(),
                t.comments(),
                t.engagement(),
                t.postsWithUnknownLikes(),
                t.postsWithUnknownEngagement());
    }

    private static long sum(Map<String, Aggregate> aggs, String name) {
        return Math.round(aggs.get(name).sum().value());
    }
}
