package io.onestore.ingestor.capture.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.FetchOutcome;
import java.net.URI;
import java.util.List;

/**
 * What reading one tag on one server came to in one capture.
 *
 * @param statuses what was read, newest first per page
 * @param cursor the newest status id read so far on this server (the next read starts after it); the old one when
 *     nothing new was read
 * @param failure why reading stopped early, null when it did not; pages read before it still count
 * @param budgetSpent reading forward stopped at the page budget with more to read (the rest is read next capture)
 */
record ServerRead(
        URI server, List<JsonNode> statuses, String cursor, FetchOutcome<?> failure, int pages, boolean budgetSpent) {

    ServerRead(URI server, List<JsonNode> statuses, String cursor, FetchOutcome<?> failure, int pages) {
        this(server, statuses, cursor, failure, pages, false);
    }

    ServerRead spent() {
        return new ServerRead(server, statuses, cursor, failure, pages, true);
    }

    boolean failedOutright() {
        return failure != null && statuses.isEmpty();
    }
}
