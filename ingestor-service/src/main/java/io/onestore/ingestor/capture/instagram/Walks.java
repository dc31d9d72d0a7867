package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.targets.BackfillWalk;
import io.onestore.ingestor.targets.FeedWalk;

/**
 * The walks of one capture attempt: {@code live} to the high-water mark, {@code back} into the past (null when there
 * is nothing to back-fill). A new pair per attempt, so a retry on another account starts afresh.
 */
public record Walks(FeedWalk live, BackfillWalk back) {}
