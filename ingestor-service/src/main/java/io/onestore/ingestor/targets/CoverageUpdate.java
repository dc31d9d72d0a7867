package io.onestore.ingestor.targets;

import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How one capture changes a target's ledger (pure; {@link CoverageLedger} reads and writes it): the new high-water
 * mark, how far back coverage reaches, the rate estimate, the spend, and the gaps the walk left.
 *
 * <p>The rate is smoothed exponentially ({@value #SMOOTHING} of the new sample) from the posts read per hour of post
 * time: posts newer than the old mark over the time from the old mark to the new one when the walk reached the old
 * mark, else all posts read over the range they span (a walk stopped short saw a busy feed at full density).
 */
public final class CoverageUpdate {

    static final double SMOOTHING = 0.5;
    private static final Duration SHORTEST_SPAN = Duration.ofMinutes(1);
    private static final Duration SHORTEST_CAPTURE_GAP = Duration.ofSeconds(10);

    private CoverageUpdate() {}

    /**
     * What a capture of one target on one platform read.
     *
     * @param walk the live walk to the high-water mark
     * @param postsRead every post the live walk read
     * @param backfill the back-fill state after this capture's back-fill pages (null: none configured)
     * @param backfillPages pages back-fill read in this capture
     * @param calls upstream calls the capture spent (pages, searches, profile)
     * @param windowGap a range the endpoint cannot serve at all (Graph's 24 hours), null when none
     * @param storeOutage Elasticsearch was unreachable since the last capture: a walk short of the mark lost that range
     *     to the outage
     * @param parts for a source read part by part from each part's cursor (Mastodon servers), how far each part was
     *     read ({@link PartGaps}); empty otherwise
     * @param refilled the open gap this capture re-read, as it leaves it (filled, or narrowed to what is still unread);
     *     null when none was re-read
     */
    public record Capture(
            FeedWalk.Result walk,
            int postsRead,
            Backfill backfill,
            int backfillPages,
            int calls,
            FeedWalk.Gap windowGap,
            boolean storeOutage,
            List<PartRead> parts,
            CoverageGapDocument refilled) {

        public Capture {
            parts = parts == null ? List.of() : List.copyOf(parts);
        }

        /** A capture of a feed read as one walk. */
        public Capture(
                FeedWalk.Result walk,
                int postsRead,
                Backfill backfill,
                int backfillPages,
                int calls,
                FeedWalk.Gap windowGap,
                boolean storeOutage) {
            this(walk, postsRead, backfill, backfillPages, calls, windowGap, storeOutage, List.of(), null);
        }

        /** A capture of a feed read as one walk that also re-read an open gap. */
        public Capture(
                FeedWalk.Result walk,
                int postsRead,
                Backfill backfill,
                int backfillPages,
                int calls,
                FeedWalk.Gap windowGap,
                boolean storeOutage,
                CoverageGapDocument refilled) {
            this(walk, postsRead, backfill, backfillPages, calls, windowGap, storeOutage, List.of(), refilled);
        }

        /** A capture of a source read part by part. */
        public Capture(
                FeedWalk.Result walk,
                int postsRead,
                Backfill backfill,
                int backfillPages,
                int calls,
                FeedWalk.Gap windowGap,
                boolean storeOutage,
                List<PartRead> parts) {
            this(walk, postsRead, backfill, backfillPages, calls, windowGap, storeOutage, parts, null);
        }

        /** This capture, known to have followed an Elasticsearch outage. */
        public Capture afterOutage() {
            return new Capture(walk, postsRead, backfill, backfillPages, calls, windowGap, true, parts, refilled);
        }
    }

    /** The new ledger and the gaps to record. */
    public record Outcome(TargetCoverageDocument ledger, List<CoverageGapDocument> gaps) {}

    public static Outcome apply(
            TargetCoverageDocument previous,
            String targetId,
            TargetDocument.Kind kind,
            String value,
            Platform platform,
            Capture capture,
            Instant now) {
        return apply(previous, targetId, kind, value, platform, capture, PartGaps.Update.NONE, now);
    }

    /** @param parts the gaps of the capture's parts ({@link PartGaps}), written with the ledger */
    public static Outcome apply(
            TargetCoverageDocument previous,
            String targetId,
            TargetDocument.Kind kind,
            String value,
            Platform platform,
            Capture capture,
            PartGaps.Update parts,
            Instant now) {
        FeedWalk.Result walk = capture.walk();
        Mark oldMark = previous == null ? null : previous.highWaterMark();
        Instant coveredSince = previous == null ? null : previous.coveredSince();
        if (coveredSince == null) {
            coveredSince = walk.oldestRead();
        }
        Backfill backfill = capture.backfill();
        if (backfill != null
                && backfill.reached() != null
                && (coveredSince == null || backfill.reached().isBefore(coveredSince))) {
            coveredSince = backfill.reached();
        }

        List<CoverageGapDocument> gaps = new ArrayList<>();
        walk.gap()
                .ifPresent(gap -> gaps.add(gap(
                        targetId,
                        kind,
                        value,
                        platform,
                        gap.from(),
                        gap.to(),
                        capture.storeOutage() ? GapReason.STORE_UNAVAILABLE : gap.reason(),
                        now,
                        previous,
                        "pages=" + gap.pagesRead(),
                        gap.cursor())));
        if (capture.windowGap() != null) {
            FeedWalk.Gap window = capture.windowGap();
            gaps.add(gap(
                    targetId,
                    kind,
                    value,
                    platform,
                    window.from(),
                    window.to(),
                    window.reason(),
                    now,
                    previous,
                    "endpoint window",
                    null));
        }
        int filled = 0;
        CoverageGapDocument refilled = capture.refilled();
        if (refilled != null) {
            gaps.add(refilled);
            if (refilled.status() == CoverageGapDocument.Status.FILLED) {
                filled = 1;
            }
        }

        Double rate = rate(previous, walk, capture.postsRead(), oldMark, now);
        int openGaps = Math.max(
                0,
                (previous == null ? 0 : previous.openGaps())
                        + (int) gaps.stream()
                                .filter(g -> g.status() == CoverageGapDocument.Status.OPEN && g != refilled)
                                .count()
                        - filled
                        + parts.openDelta());
        gaps.addAll(parts.gaps());
        long pages = (previous == null ? 0 : previous.pagesSpent()) + walk.pages() + capture.backfillPages();
        long calls = (previous == null ? 0 : previous.callsSpent()) + capture.calls();
        TargetCoverageDocument ledger = new TargetCoverageDocument(
                targetId,
                kind,
                value,
                platform,
                walk.mark(),
                coveredSince,
                backfill,
                rate,
                now,
                previous == null ? null : previous.nextDueAt(),
                previous == null ? null : previous.intervalSeconds(),
                pages,
                calls,
                openGaps,
                previous == null ? null : previous.plan(),
                now);
        return new Outcome(ledger, gaps);
    }

    private static Double rate(
            TargetCoverageDocument previous, FeedWalk.Result walk, int postsRead, Mark oldMark, Instant now) {
        Double sample = captureRate(previous, walk, oldMark, now);
        if (sample != null) {
            Double before = previous.ratePerHour();
            return before == null ? sample : SMOOTHING * sample + (1 - SMOOTHING) * before;
        }
        if (oldMark != null && walk.reachedMark() && walk.mark() != null) {
            Duration span = Duration.between(oldMark.publishedAt(), walk.mark().publishedAt());
            if (span.compareTo(SHORTEST_SPAN) >= 0) {
                sample = walk.newPosts() / hours(span);
            }
        } else if (walk.mark() != null && walk.oldestRead() != null) {
            Duration span = Duration.between(walk.oldestRead(), walk.mark().publishedAt());
            if (span.compareTo(SHORTEST_SPAN) >= 0) {
                sample = postsRead / hours(span);
            }
        }
        Double before = previous == null ? null : previous.ratePerHour();
        if (sample == null) {
            return before;
        }
        return before == null ? sample : SMOOTHING * sample + (1 - SMOOTHING) * before;
    }

    /**
     * New posts per hour of capture time since the previous capture: the planner plans in capture time, and an
     * upstream's clock need not run at the same pace (the simulator's scaled clock in tests). A walk stopped short of
     * the mark read only part of the new range: its count is extrapolated to the whole range by post time. Null when
     * there is no previous capture or it was less than ten seconds ago.
     */
    private static Double captureRate(
            TargetCoverageDocument previous, FeedWalk.Result walk, Mark oldMark, Instant now) {
        if (previous == null || previous.lastCaptureAt() == null || oldMark == null || walk.mark() == null) {
            return null;
        }
        Duration elapsed = Duration.between(previous.lastCaptureAt(), now);
        if (elapsed.compareTo(SHORTEST_CAPTURE_GAP) < 0) {
            return null;
        }
        double posts = walk.newPosts();
        if (!walk.reachedMark() && walk.oldestRead() != null) {
            long read = Duration.between(walk.oldestRead(), walk.mark().publishedAt())
                    .toMillis();
            long all = Duration.between(oldMark.publishedAt(), walk.mark().publishedAt())
                    .toMillis();
            if (read > 0 && all > read) {
                posts = posts * all / read;
            }
        }
        return posts / hours(elapsed);
    }

    private static CoverageGapDocument gap(
            String targetId,
            TargetDocument.Kind kind,
            String value,
            Platform platform,
            Instant from,
            Instant to,
            GapReason reason,
            Instant now,
            TargetCoverageDocument previous,
            String detail,
            String cursor) {
        Double rate = previous == null ? null : previous.ratePerHour();
        Long estimate = rate == null || to.isBefore(from) ? null : Math.round(rate * hours(Duration.between(from, to)));
        return new CoverageGapDocument(
                targetId,
                kind,
                value,
                platform,
                from,
                to,
                reason,
                CoverageGapDocument.Status.OPEN,
                now,
                null,
                estimate,
                detail,
                null,
                cursor);
    }

    private static double hours(Duration duration) {
        return duration.toMillis() / 3_600_000.0;
    }
}
