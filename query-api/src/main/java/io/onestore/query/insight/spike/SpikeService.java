package io.onestore.query.insight.spike;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import io.onestore.model.document.PostDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.coverage.CoverageLedgers;
import io.onestore.query.coverage.CoverageService;
import io.onestore.query.post.PostSummary;
import io.onestore.query.request.Interval;
import io.onestore.query.request.TimeWindow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Finds spikes in two round trips: a histogram of post volume and engagement reaching back {@code trailingBuckets}
 * before {@code from} (so the first bucket has a full baseline), then, only if something spiked, the top posts of
 * the spiking buckets. "Engagement" of a bucket is the engagement of the posts published in it, as last captured.
 */
@Service
public class SpikeService {

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final QueryApiProperties.Limits limits;
    private final QueryApiProperties.Spikes settings;
    private final CoverageService coverage;
    private final double minComparableShare;

    SpikeService(
            ElasticsearchClient client, IndexNames names, CoverageService coverage, QueryApiProperties properties) {
        this.client = client;
        this.names = names;
        this.limits = properties.limits();
        this.settings = properties.spikes();
        this.coverage = coverage;
        this.minComparableShare = properties.coverage().minComparableShare();
    }

    public SpikeReport find(List<String> hashtags, TimeWindow window, Interval interval, double k) throws IOException {
        int trailing = settings.trailingBuckets();
        Instant first = interval.bucketStart(window.from());
        TimeWindow extended = new TimeWindow(first.minus(interval.duration().multipliedBy(trailing)), window.to());
        interval.checkBuckets(extended, limits.maxBuckets());
        var response = client.search(SpikeQuery.histogram(names.posts(), hashtags, extended, interval), Void.class);

        List<DateHistogramBucket> buckets = response.aggregations()
                .get(SpikeQuery.BUCKETS)
                .dateHistogram()
                .buckets()
                .array();
        long[] posts = buckets.stream().mapToLong(DateHistogramBucket::docCount).toArray();
        long[] engagement = buckets.stream()
                .mapToLong(b -> Math.round(
                        b.aggregations().get(SpikeQuery.ENGAGEMENT).sum().value()))
                .toArray();
        SpikeRule rule = new SpikeRule(k, settings.minDeviation());
        CoverageLedgers ledgers = coverage.load(CoverageService.hashtagIds(hashtags), null, extended);
        Duration trailingSpan = interval.duration().multipliedBy(trailing);
        int withheld = 0;
        List<Candidate> spikes = new ArrayList<>();
        for (int i = trailing; i < buckets.size(); i++) {
            Instant start = Instant.ofEpochMilli(buckets.get(i).key());
            if (start.isBefore(first) || !start.isBefore(window.to())) {
                continue;
            }
            SpikeRule.Measure p = rule.measure(posts[i], slice(posts, i - trailing, i));
            SpikeRule.Measure e = rule.measure(engagement[i], slice(engagement, i - trailing, i));
            if (p.spike() || e.spike()) {
                // The score compares the bucket with its trailing baseline: both must be captured to compare.
                double covered = ledgers.over(start.minus(trailingSpan), start.plus(interval.duration()))
                        .coveredShare();
                if (covered >= minComparableShare) {
                    spikes.add(new Candidate(start, p, e));
                } else {
                    withheld++;
                }
            }
        }
        List<Candidate> strongest = spikes.stream()
                .sorted(Comparator.comparingDouble(Candidate::strength).reversed())
                .limit(settings.maxSpikes())
                .sorted(Comparator.comparing(Candidate::start))
                .toList();
        Map<String, List<PostSummary>> top = topPosts(hashtags, strongest, interval);
        List<SpikeReport.Spike> result = strongest.stream()
                .map(c -> c.toSpike(interval, top.getOrDefault(c.start().toString(), List.of())))
                .toList();
        return new SpikeReport(
                hashtags,
                interval.text(),
                window.from(),
                window.to(),
                k,
                trailing,
                result,
                withheld,
                ledgers.over(window.from(), window.to()));
    }

    /** The second round trip: the most engaging posts of each spiking bucket. */
    private Map<String, List<PostSummary>> topPosts(List<String> hashtags, List<Candidate> spikes, Interval interval)
            throws IOException {
        Map<String, List<PostSummary>> top = new LinkedHashMap<>();
        if (spikes.isEmpty()) {
            return top;
        }
        List<Instant> starts = spikes.stream().map(Candidate::start).toList();
        var response = client.search(
                SpikeQuery.topPosts(names.posts(), hashtags, starts, interval, settings.topPosts()), Void.class);
        response.aggregations()
                .get(SpikeQuery.SPIKES)
                .filters()
                .buckets()
                .keyed()
                .forEach((key, bucket) -> top.put(
                        key,
                        bucket.aggregations().get(SpikeQuery.TOP).topHits().hits().hits().stream()
                                .map(h -> PostSummary.of(h.id(), h.source().to(PostDocument.class)))
                                .toList()));
        return top;
    }

    private static long[] slice(long[] values, int from, int to) {
        long[] slice = new long[to - from];
        System.arraycopy(values, from, slice, 0, slice.length);
        return slice;
    }

    private record Candidate(Instant start, SpikeRule.Measure posts, SpikeRule.Measure engagement) {

        double strength() {
            return Math.max(posts.score(), engagement.score());
        }

        SpikeReport.Spike toSpike(Interval interval, List<PostSummary> topPosts) {
            List<String> triggers = new ArrayList<>();
            if (posts.spike()) {
                triggers.add("posts");
            }
            if (engagement.spike()) {
                triggers.add("engagement");
            }
            return new SpikeReport.Spike(
                    start,
                    start.plus(interval.duration()),
                    triggers,
                    SpikeReport.Measure.of(posts),
                    SpikeReport.Measure.of(engagement),
                    topPosts);
        }
    }
}
