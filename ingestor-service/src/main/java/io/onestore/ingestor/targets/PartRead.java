package io.onestore.ingestor.targets;

import io.onestore.model.document.GapReason;
import java.time.Instant;

/**
 * How far a capture read one part of a source that is read part by part from its own cursor (a Mastodon server's
 * timeline of the tag), for the coverage ledger ({@link PartGaps}).
 *
 * @param part the part, e.g. {@code mastodon.social}
 * @param reach the newest post time read on the part in this capture; null when nothing new was read
 * @param stoppedBy why reading the part stopped before it reached the capture time; null when it did reach it
 */
public record PartRead(String part, Instant reach, GapReason stoppedBy) {

    public static PartRead complete(String part, Instant reach) {
        return new PartRead(part, reach, null);
    }
}
