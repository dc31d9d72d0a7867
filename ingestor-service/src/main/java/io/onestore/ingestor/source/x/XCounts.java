package io.onestore.ingestor.source.x;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /2/tweets/counts/recent}: how many posts matched the query in each bucket of the last 7 days.
 *
 * @param total {@code meta.total_tweet_count}, all buckets together
 * @param buckets the {@code data[]} array verbatim ({@code start}, {@code end}, {@code tweet_count})
 */
public record XCounts(long total, JsonNode buckets) {

    public static XCounts read(JsonNode body) {
        JsonNode total = body.path("meta").path("total_tweet_count");
        if (!total.canConvertToLong()) {
            throw new IllegalArgumentException("no meta.total_tweet_count");
        }
        return new XCounts(total.asLong(), body.path("data"));
    }
}
