package io.onestore.query.coverage;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The {@code coverage} block of an answer: how completely OneStore captured the targets an answer rests on over its
 * window (docs/coverage.md#the-coverage-block). Only the part of the window up to now is measured: the future holds
 * no posts to miss. Every range of the window that is not covered is listed as a gap with its reason, so
 * {@code coveredShare = 1 - (union of the gaps) / (to - from)}.
 *
 * @param from the window's start
 * @param to the window's end, or now when the window reaches into the future
 * @param coveredShare the share of {@code [from, to)} in which every target is covered (0 to 1)
 * @param complete whether every target is covered over the whole window ({@code coveredShare == 1})
 * @param notice a plain sentence saying what is incomplete; null when complete
 * @param targets one entry per target (hashtag, or a campaign's profile), in the order asked
 */
@Schema(description = "How completely the answer's targets were captured over its window (docs/coverage.md)")
public record Coverage(
        Instant from, Instant to, double coveredShare, boolean complete, String notice, List<TargetCoverage> targets) {

    /**
     * @param target the target's id, e.g. {@code hashtag:nike}
     * @param kind {@code hashtag} or {@code profile}
     * @param value the hashtag (no {@code #}) or the handle
     * @param coveredShare the share of the window this target's capture covers (0 to 1)
     * @param coveredSince the oldest post time its capture reaches back to continuously on all its platforms
     *     (the latest of theirs); null when never captured
     * @param capturedUntil its last capture (the least recent of its platforms); null when never captured
     * @param gaps the ranges of the window not covered, clipped to it, oldest first (at most {@value
     *     CoverageLedgers#MAX_GAPS_SHOWN})
     * @param gapsOmitted gaps not listed because of that bound (they still count in {@code coveredShare})
     * @param note {@code not_watched} (no such target), {@code never_captured}, or {@code snapshots_only} (a profile
     *     captured only where its capture reads its counts, not its posts: X) when nothing is covered; else null
     */
    public record TargetCoverage(
            String target,
            String kind,
            String value,
            double coveredShare,
            Instant coveredSince,
            Instant capturedUntil,
            List<Gap> gaps,
            int gapsOmitted,
            @Schema(allowableValues = {"not_watched", "never_captured", "snapshots_only"}) String note) {}

    /**
     * An uncovered range {@code [from, to)} (clipped to the window) and why: a gap the ingestor recorded
     * ({@code page_budget}, {@code account_budget}, {@code upstream_failure}, {@code api_window},
     * {@code store_unavailable}, {@code rate_limited}, {@code locked}) or a range outside what its capture reached ({@code before_coverage},
     * {@code after_last_capture}, {@code never_captured}, {@code not_watched}, {@code too_many_gaps}, and
     * {@code snapshots_only}: a profile's platform where its capture reads the profile's counts, not its posts, so the
     * posts counted of it are only those that came with a watched hashtag); in a volume series, an hour the
     * platform's counts were not read for ({@code not_counted}).
     *
     * @param platform the platform whose feed was not read (with {@code not_watched}: one an answer over every
     *     platform counts posts of the tag on, though nothing captures the tag there); null when the target is not
     *     watched at all
     */
    public record Gap(
            Instant from,
            Instant to,
            @Schema(
                            allowableValues = {
                                "page_budget",
                                "account_budget",
                                "upstream_failure",
                                "api_window",
                                "store_unavailable",
                                "rate_limited",
                                "locked",
                                "before_coverage",
                                "after_last_capture",
                                "never_captured",
                                "not_watched",
                                "snapshots_only",
                                "too_many_gaps",
                                "not_counted"
                            })
                    String reason,
            String platform) {}
}
