package io.onestore.ingestor.capture.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.FetchOutcome;
import java.util.List;

/**
 * What reading one query window came to.
 *
 * @param videos what was read, in the order served
 * @param pages requests that answered
 * @param complete the search said {@code has_more: false}
 * @param failure why reading stopped early, null when it did not (a spent page budget is no failure)
 * @param cursor where the next page of the search starts (to resume a window in a later capture)
 * @param searchId the search the pages belong to; null before the first page answered
 */
record WindowRead(
        List<JsonNode> videos, int pages, boolean complete, FetchOutcome<?> failure, int cursor, String searchId) {

    WindowRead {
        videos = List.copyOf(videos);
    }
}
