package io.onestore.query.insight.shareofvoice;

import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.coverage.Coverage;
import io.onestore.query.coverage.CoverageLedgers;
import io.onestore.query.coverage.CoverageService;
import io.onestore.query.coverage.Withheld;
import io.onestore.query.request.TimeWindow;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Share of voice in one search: a filter per hashtag over the window, and the same under a daily histogram; sent with
 * the coverage block's reads as one {@code _msearch}.
 */
@Service
public class ShareOfVoiceService {

    private final IndexNames names;
    private final CoverageService coverage;
    private final QueryApiProperties.Limits limits;
    private final double minComparableShare;

    ShareOfVoiceService(IndexNames names, CoverageService coverage, QueryApiProperties properties) {
        this.names = names;
        this.coverage = coverage;
        this.limits = properties.limits();
        this.minComparableShare = properties.coverage().minComparableShare();
    }

    public ShareOfVoice compute(List<String> hashtags, TimeWindow window, VoiceMetric metric) throws IOException {
        return compute(hashtags, window, metric, null);
    }

    /**
     * @param platform only this platform's posts, and only its capture in the coverage block; null for all the
     *     platforms the hashtags are watched on
     */
    public ShareOfVoice compute(List<String> hashtags, TimeWindow window, VoiceMetric metric, Platform platform)
            throws IOException {
        ShareOfVoiceQuery.DAY.checkBuckets(window, limits.maxBuckets());
        var read = coverage.loadWith(
                ShareOfVoiceQuery.of(names.posts(), hashtags, window, metric, platform),
                CoverageService.hashtagIds(hashtags),
                platform == null ? null : List.of(platform),
                window);
        var response = read.search();
        CoverageLedgers ledgers = read.ledgers();
        Coverage whole = ledgers.over(window.from(), window.to());
        Withheld totalWithheld = withheld(whole, "The window");

        List<ShareOfVoice.Voice> total = voices(
                hashtags,
                response.aggregations()
                        .get(ShareOfVoiceQuery.TAGS)
                        .filters()
                        .buckets()
                        .keyed(),
                metric);
        List<ShareOfVoice.Day> days = new ArrayList<>();
        for (DateHistogramBucket day : response.aggregations()
                .get(ShareOfVoiceQuery.DAYS)
                .dateHistogram()
                .buckets()
                .array()) {
            Instant start = Instant.ofEpochMilli(day.key());
            if (start.isBefore(window.to())) {
                Instant end = start.plus(ShareOfVoiceQuery.DAY.duration());
                Coverage covered = ledgers.over(
                        start.isBefore(window.from()) ? window.from() : start,
                        end.isAfter(window.to()) ? window.to() : end);
                Withheld dayWithheld = withheld(covered, "The day");
                List<ShareOfVoice.Voice> voices = voices(
                        hashtags,
                        day.aggregations()
                                .get(ShareOfVoiceQuery.TAGS)
                                .filters()
                                .buckets()
                                .keyed(),
                        metric);
                days.add(new ShareOfVoice.Day(
                        start,
                        dayWithheld == null ? voices : withoutShares(voices),
                        covered.coveredShare(),
                        dayWithheld));
            }
        }
        return new ShareOfVoice(
                metric.key(),
                window.from(),
                window.to(),
                totalWithheld == null ? total : withoutShares(total),
                totalWithheld,
                days,
                whole);
    }

    /**
     * A share compares the hashtags' values: when one hashtag's capture has a gap the others do not, its share is
     * too low by what the gap holds, so the shares are withheld unless every hashtag is covered enough.
     */
    private Withheld withheld(Coverage covered, String what) {
        return Withheld.unless(covered, minComparableShare, "hashtags_not_covered", what);
    }

    private static List<ShareOfVoice.Voice> withoutShares(List<ShareOfVoice.Voice> voices) {
        return voices.stream()
                .map(v -> new ShareOfVoice.Voice(v.hashtag(), v.value(), null))
                .toList();
    }

    /** Values in the order asked for, each with its share of their sum (docs/insights.md#share-of-voice). */
    static List<ShareOfVoice.Voice> voices(
            List<String> hashtags, Map<String, FiltersBucket> buckets, VoiceMetric metric) {
        long[] values = new long[hashtags.size()];
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = metric.read(buckets.get(hashtags.get(i)));
            sum += values[i];
        }
        List<ShareOfVoice.Voice> voices = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            voices.add(new ShareOfVoice.Voice(hashtags.get(i), values[i], sum == 0 ? null : values[i] / (double) sum));
        }
        return voices;
    }
}
