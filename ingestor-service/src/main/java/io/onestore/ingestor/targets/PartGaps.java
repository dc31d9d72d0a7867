package io.onestore.ingestor.targets;

import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gaps of a source read part by part from each part's own cursor (Mastodon: each server from its newest status
 * id, forward). Nothing such a source serves is lost by a late read, but until a part is read up to a capture, the
 * range from its reach to the capture is not covered: an open gap of that part. It grows while the part stays unread
 * (rate-limited, locked, failing, or behind its page budget) and is closed as {@code filled} once a read reaches the
 * capture again; a read that gets part of the way closes it and opens the rest from its new reach. Pure.
 */
public final class PartGaps {

    private PartGaps() {}

    /**
     * The gap documents to write and how the count of open gaps changes.
     *
     * @param open the open gaps of the target on the platform with a part (as stored)
     */
    public record Update(List<CoverageGapDocument> gaps, int openDelta) {

        public static final Update NONE = new Update(List.of(), 0);
    }

    /**
     * @param previous the ledger before this capture; null on the first capture
     * @param coveredSince where this capture's coverage starts when there is no previous ledger (its oldest post read,
     *     or the capture time)
     */
    public static Update apply(
            TargetCoverageDocument previous,
            String targetId,
            TargetDocument.Kind kind,
            String value,
            Platform platform,
            List<PartRead> parts,
            List<CoverageGapDocument> open,
            Instant coveredSince,
            Instant now) {
        Map<String, List<CoverageGapDocument>> openByPart =
                open.stream().filter(g -> g.part() != null).collect(Collectors.groupingBy(CoverageGapDocument::part));
        List<CoverageGapDocument> writes = new ArrayList<>();
        int delta = 0;
        for (PartRead read : parts) {
            List<CoverageGapDocument> mine = openByPart.getOrDefault(read.part(), List.of());
            if (read.stoppedBy() == null) {
                for (CoverageGapDocument gap : mine) {
                    writes.add(gap.filled(now));
                    delta--;
                }
                continue;
            }
            CoverageGapDocument oldest =
                    mine.stream().min((a, b) -> a.from().compareTo(b.from())).orElse(null);
            Instant from;
            if (read.reach() != null && (oldest == null || read.reach().isAfter(oldest.from()))) {
                from = read.reach();
            } else if (oldest != null) {
                from = oldest.from();
            } else if (previous != null && previous.lastCaptureAt() != null) {
                from = previous.lastCaptureAt();
            } else {
                from = coveredSince != null ? coveredSince : now;
            }
            if (!from.isBefore(now)) {
                continue;
            }
            // The oldest open gap keeps its id (and first reason) while nothing new was read, so it grows in place.
            CoverageGapDocument gap = new CoverageGapDocument(
                    targetId,
                    kind,
                    value,
                    platform,
                    from,
                    now,
                    oldest != null && oldest.from().equals(from) ? oldest.reason() : read.stoppedBy(),
                    CoverageGapDocument.Status.OPEN,
                    oldest != null && oldest.from().equals(from) ? oldest.detectedAt() : now,
                    null,
                    null,
                    read.part() + ": " + read.stoppedBy().key(),
                    read.part(),
                    null);
            writes.add(gap);
            Set<String> ids = mine.stream().map(CoverageGapDocument::id).collect(Collectors.toSet());
            if (!ids.contains(gap.id())) {
                delta++;
            }
            for (CoverageGapDocument old : mine) {
                if (!old.id().equals(gap.id())) {
                    writes.add(old.filled(now));
                    delta--;
                }
            }
        }
        return new Update(writes, delta);
    }
}
