package io.onestore.ingestor.source.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One page of a Mastodon hashtag timeline as the server sent it: the statuses newest first, verbatim, and what the
 * server said about its rate limit.
 *
 * @param statuses the JSON array's elements (Mastodon's {@code Status} entity), newest first
 * @param remaining {@code X-RateLimit-Remaining}, null when the server did not send it
 * @param reset {@code X-RateLimit-Reset} (an ISO 8601 time), null when absent or unreadable
 */
public record TimelinePage(List<JsonNode> statuses, Integer remaining, Instant reset) {

    public TimelinePage {
        statuses = List.copyOf(statuses);
    }
}
