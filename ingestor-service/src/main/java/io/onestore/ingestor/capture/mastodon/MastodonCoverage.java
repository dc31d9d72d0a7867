package io.onestore.ingestor.capture.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.targets.CoverageUpdate;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.ingestor.targets.PartRead;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a Mastodon capture of a tag read, for the coverage ledger: the tag's mark (the newest status read on any
 * server, by {@code created_at} and {@code uri}) and each server as a part read from its own cursor, complete up to the
 * capture or stopped ({@code page_budget}, {@code rate_limited}, {@code locked}, {@code upstream_failure}).
 */
final class MastodonCoverage {

    private MastodonCoverage() {}

    /**
     * @param merged each status once (all servers)
     * @param oldMark the tag's mark before this capture; null on the first
     * @param stoppedBy why a server's read stopped short; null when it read up to the capture
     */
    static CoverageUpdate.Capture of(
            List<ServerRead> reads,
            List<JsonNode> merged,
            Mark oldMark,
            Instant capturedAt,
            Function<ServerRead, GapReason> stoppedBy) {
        Mark newest = null;
        Instant oldest = null;
        int newPosts = 0;
        for (JsonNode status : merged) {
            Instant at = createdAt(status);
            if (at == null) {
                continue;
            }
            if (newest == null || at.isAfter(newest.publishedAt())) {
                newest = new Mark(at, status.path("uri").asText(null));
            }
            oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
            if (oldMark != null && at.isAfter(oldMark.publishedAt())) {
                newPosts++;
            }
        }
        if (oldMark != null && (newest == null || !newest.publishedAt().isAfter(oldMark.publishedAt()))) {
            newest = oldMark;
        }
        List<PartRead> parts = new ArrayList<>();
        int pages = 0;
        boolean allComplete = true;
        for (ServerRead read : reads) {
            pages += read.pages();
            Instant reach = null;
            for (JsonNode status : read.statuses()) {
                Instant at = createdAt(status);
                reach = at != null && (reach == null || at.isAfter(reach)) ? at : reach;
            }
            GapReason reason = stoppedBy.apply(read);
            allComplete &= reason == null;
            parts.add(new PartRead(MastodonTargetFetcher.host(read.server()), reach, reason));
        }
        // A timeline read to its end with nothing in it is covered from the capture on, not never.
        Instant oldestRead = oldest == null && merged.isEmpty() ? capturedAt : oldest;
        FeedWalk.Result walk = new FeedWalk.Result(newest, oldestRead, pages, newPosts, allComplete, Optional.empty());
        return new CoverageUpdate.Capture(walk, merged.size(), null, 0, pages, null, false, parts);
    }

    private static Instant createdAt(JsonNode status) {
        try {
            String text = status.path("created_at").asText(null);
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
