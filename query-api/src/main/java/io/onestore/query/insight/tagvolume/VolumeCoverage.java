package io.onestore.query.insight.tagvolume;

import io.onestore.model.document.TagVolumeDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.query.coverage.Coverage;
import io.onestore.query.coverage.CoverageLedgers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code coverage} block of a volume series, measured on the counts themselves rather than on the post capture's
 * ledger: the counts endpoint reads 7 days back whatever the search walks read, so an hour is covered exactly when a
 * count of it is stored. The part of the window up to now that no stored count reaches is a {@code not_counted} gap:
 * an hour never read, and the rest of an hour that was still open at its last read.
 */
final class VolumeCoverage {

    static final String NOT_COUNTED = "not_counted";

    private VolumeCoverage() {}

    /**
     * @param hours the window's hour documents, oldest first, at most one per hour
     * @param end the end of what can have been counted: the window's end, or now when that is earlier
     */
    static Coverage of(String tag, String platform, Instant from, Instant end, List<TagVolumeDocument> hours) {
        List<Coverage.Gap> gaps = new ArrayList<>();
        Instant reach = from;
        Instant capturedUntil = null;
        Instant coveredSince = null;
        for (TagVolumeDocument hour : hours) {
            if (!hour.bucketStart().isBefore(end)) {
                break;
            }
            if (reach.isBefore(hour.bucketStart())) {
                gaps.add(new Coverage.Gap(reach, hour.bucketStart(), NOT_COUNTED, platform));
                coveredSince = null;
            }
            if (coveredSince == null) {
                coveredSince = hour.bucketStart();
            }
            reach = earliest(hour.bucketEnd(), end);
            capturedUntil = capturedUntil == null || hour.capturedAt().isAfter(capturedUntil)
                    ? hour.capturedAt()
                    : capturedUntil;
        }
        if (reach.isBefore(end)) {
            gaps.add(new Coverage.Gap(reach, end, NOT_COUNTED, platform));
        }
        long length = Math.max(0, Duration.between(from, end).toMillis());
        long uncovered = gaps.stream()
                .mapToLong(g -> Duration.between(g.from(), g.to()).toMillis())
                .sum();
        boolean never = capturedUntil == null;
        double share = length == 0 ? 1 : never ? 0 : (length - uncovered) / (double) length;
        int shown = Math.min(gaps.size(), CoverageLedgers.MAX_GAPS_SHOWN);
        Coverage.TargetCoverage target = new Coverage.TargetCoverage(
                TargetDocument.idOf(TargetDocument.Kind.HASHTAG, tag),
                "hashtag",
                tag,
                share,
                coveredSince,
                capturedUntil,
                List.copyOf(gaps.subList(0, shown)),
                gaps.size() - shown,
                never && length > 0 ? "never_captured" : null);
        boolean complete = share >= 1;
        String notice = complete
                ? null
                : String.format(
                        Locale.ROOT,
                        "%s's posts are counted for %.1f%% of the window; hours %s counted are unknown, not zero",
                        tag,
                        share * 100,
                        never ? "never" : "not");
        return new Coverage(from, end, share, complete, notice, List.of(target));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
