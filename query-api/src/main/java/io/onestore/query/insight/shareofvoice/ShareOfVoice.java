package io.onestore.query.insight.shareofvoice;

import io.onestore.query.coverage.Coverage;
import io.onestore.query.coverage.Withheld;
import java.time.Instant;
import java.util.List;

/**
 * Each hashtag's value and share ({@code value / sum of values}) over the window, and the same per UTC day.
 * docs/insights.md#share-of-voice.
 *
 * @param sharesWithheld why every {@code share} is null: some hashtag's capture covers less of the window than a
 *     comparison needs (docs/coverage.md#refused-comparisons); null when the shares are shown
 */
public record ShareOfVoice(
        String metric,
        Instant from,
        Instant to,
        List<Voice> hashtags,
        Withheld sharesWithheld,
        List<Day> days,
        Coverage coverage) {

    /** @param share null when every hashtag's value is 0, or when the shares are withheld */
    public record Voice(String hashtag, long value, Double share) {}

    /**
     * @param coveredShare the share of the day (within the window, up to now) every hashtag's capture covers
     * @param sharesWithheld why this day's shares are null; null when they are shown
     */
    public record Day(Instant start, List<Voice> hashtags, double coveredShare, Withheld sharesWithheld) {}
}
