package io.onestore.query.coverage;

import java.time.Instant;
import java.util.List;

/**
 * The {@code coverage} block of an answer: how completely OneStore captured its hashtags over its window
 * (docs/coverage.md). Only the part of the window up to now is measured: the future holds no posts to miss.
 *
 * @param from the window's start
 * @param to the window's end, or now when the window reaches into the future
 * @param coveredShare the share of {@code [from, to)} covered for every hashtag at once (the least covered one's)
 * @param complete whether every hashtag is covered over the whole window
 * @param hashtags one entry per hashtag asked for, in the order asked
 */
public record Coverage(
        Instant from, Instant to, double coveredShare, boolean complete, List<HashtagCoverage> hashtags) {

    /**
     * @param coveredShare the share of the window this hashtag's capture covers
     * @param coveredSince the oldest post time its capture reaches back to continuously; null when it is not watched
     * @param capturedUntil its last capture; null when never captured
     * @param gaps the ranges in the window that were not read, with their reasons (open gaps only)
     * @param note why nothing is covered, when nothing is ({@code not_watched}, {@code never_captured})
     */
    public record HashtagCoverage(
            String hashtag,
            double coveredShare,
            Instant coveredSince,
            Instant capturedUntil,
            List<Gap> gaps,
            String note) {}

    /** An unread range {@code [from, to)} (clipped to the window) and why. */
    public record Gap(Instant from, Instant to, String reason) {}
}
