package io.onestore.ingestor.source.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /2/tweets/counts/recent}: how many posts matched the query in each bucket of the last 7 days, oldest
 * bucket first. With {@code granularity=hour} the buckets are UTC hours, except the first, which starts at the
 * window's start (7 days before the request, rarely on the hour), and the last, which ends at the window's end (the
 * hour still open).
 *
 * @param total {@code meta.total_tweet_count}: the posts of every bucket read (of every page, once merged)
 * @param buckets the {@code data[]} buckets read, oldest first
 * @param nextToken {@code meta.next_token}: more buckets wait on a next page; null when the answer is whole
 */
public record XCounts(long total, List<Bucket> buckets, String nextToken) {

    public XCounts {
        buckets = List.copyOf(buckets);
    }

    /**
     * One bucket as X sends it ({@code start}, {@code end}, {@code tweet_count}).
     *
     * @param start inclusive
     * @param end exclusive
     * @param count posts published in {@code [start, end)}
     */
    public record Bucket(Instant start, Instant end, long count) {}

    /**
     * @throws IllegalArgumentException without {@code meta.total_tweet_count} or with a bucket lacking a readable
     *     {@code start}, {@code end} or {@code tweet_count} (the answer is then malformed, dead-lettered whole)
     */
    public static XCounts read(JsonNode body) {
        JsonNode total = body.path("meta").path("total_tweet_count");
        if (!total.canConvertToLong()) {
            throw new IllegalArgumentException("no meta.total_tweet_count");
        }
        List<Bucket> buckets = new ArrayList<>();
        for (JsonNode bucket : body.path("data")) {
            JsonNode count = bucket.path("tweet_count");
            if (!count.canConvertToLong() || count.asLong() < 0) {
                throw new IllegalArgumentException("a counts bucket without tweet_count");
            }
            buckets.add(new Bucket(instant(bucket, "start"), instant(bucket, "end"), count.asLong()));
        }
        JsonNode next = body.path("meta").path("next_token");
        return new XCounts(
                total.asLong(), buckets, next.isTextual() && !next.asText().isBlank() ? next.asText() : null);
    }

    /** This page followed by the next one: totals added, buckets in order, the later page's cursor. */
    public XCounts then(XCounts next) {
        List<Bucket> all = new ArrayList<>(buckets);
        all.addAll(next.buckets);
        return new XCounts(total + next.total, all, next.nextToken);
    }

    /** Whether every page was read: only then is {@link #total} the 7 days' total. */
    public boolean whole() {
        return nextToken == null;
    }

    private static Instant instant(JsonNode bucket, String field) {
        try {
            return Instant.parse(bucket.path(field).asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a counts bucket without a readable " + field);
        }
    }
}
