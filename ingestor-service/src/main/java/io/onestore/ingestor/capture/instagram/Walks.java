package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.targets.BackfillWalk;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.ingestor.targets.GapRefill;

/**
 * The walks of one capture attempt: {@code live} to the high-water mark, {@code refill} re-reading an open gap and
 * {@code back} into the past (each of the last two null when there is nothing to read). A new set per attempt, so a
 * retry on another account starts afresh.
 */
public record Walks(FeedWalk live, GapRefill refill, BackfillWalk back) {

    public Walks(FeedWalk live, BackfillWalk back) {
        this(live, null, back);
    }
}
