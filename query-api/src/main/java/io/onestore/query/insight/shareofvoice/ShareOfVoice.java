package io.onestore.query.insight.shareofvoice;

import java.time.Instant;
import java.util.List;

/**
 * Each hashtag's value and share ({@code value / sum of values}) over the window, and the same per UTC day.
 * docs/insights.md#share-of-voice.
 */
public record ShareOfVoice(String metric, Instant from, Instant to, List<Voice> hashtags, List<Day> days) {

    /** @param share null when every hashtag's value is 0 */
    public record Voice(String hashtag, long value, Double share) {}

    public record Day(Instant start, List<Voice> hashtags) {}
}
