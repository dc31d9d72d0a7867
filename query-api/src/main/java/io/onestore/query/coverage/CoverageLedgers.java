package io.onestore.query.coverage;

import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The coverage ledger of some targets as read for one window ({@link CoverageService#load}): their target documents,
 * their per-platform ledgers and their open gaps. {@link #over} measures any part of that window without another
 * round trip, so a report can state the coverage of each of its phases, and an answer of each of its days.
 */
public final class CoverageLedgers {

    /** Gaps listed per target in an answer; the rest are counted in {@code gapsOmitted} and still measured. */
    public static final int MAX_GAPS_SHOWN = 50;

    static final String NOT_WATCHED = "not_watched";
    static final String NEVER_CAPTURED = "never_captured";
    static final String SNAPSHOTS_ONLY = "snapshots_only";
    static final String BEFORE_COVERAGE = "before_coverage";
    static final String AFTER_LAST_CAPTURE = "after_last_capture";
    static final String TOO_MANY_GAPS = "too_many_gaps";

    /**
     * One target as read: {@code platforms} the platforms its coverage is measured on (those it is watched on, those
     * it has a ledger for and, in an answer over every platform, those the window holds its posts on, within the ones
     * asked); empty when no such target exists. {@code watched} the platforms its target document names.
     */
    record Entry(
            String id,
            Set<Platform> platforms,
            Set<Platform> watched,
            Map<Platform, TargetCoverageDocument> ledgers,
            List<CoverageGapDocument> gaps) {}

    private final List<Entry> entries;
    private final Instant now;
    /** Gaps were read up to this {@code from} only (more than the search returns): later is not known to be covered. */
    private final Instant gapsReadUntil;

    CoverageLedgers(List<Entry> entries, Instant now, Instant gapsReadUntil) {
        this.entries = List.copyOf(entries);
        this.now = now;
        this.gapsReadUntil = gapsReadUntil;
    }

    /**
     * The same ledgers for some of the targets only ({@code ids}, in this ledger's order), as {@link CoverageService#load}
     * would read them for those targets, platforms and window; empty when the gaps read stopped short
     * ({@code too_many_gaps}): read for fewer targets they might reach further, so only a new read says the same.
     */
    public Optional<CoverageLedgers> only(Collection<String> ids) {
        if (gapsReadUntil != null) {
            return Optional.empty();
        }
        return Optional.of(new CoverageLedgers(
                entries.stream().filter(e -> ids.contains(e.id())).toList(), now, null));
    }

    /** The coverage of {@code [from, to)}, a part of the window the ledgers were read for; {@code to} capped at now. */
    public Coverage over(Instant from, Instant to) {
        Instant end = to.isAfter(now) ? now : to;
        if (end.isBefore(from)) {
            end = from;
        }
        long length = Duration.between(from, end).toMillis();
        List<Coverage.TargetCoverage> targets = new ArrayList<>();
        List<Coverage.Gap> all = new ArrayList<>();
        for (Entry entry : entries) {
            Measured measured = measure(entry, from, end, length);
            targets.add(measured.coverage());
            all.addAll(measured.gaps());
        }
        double share = length == 0
                ? targets.stream()
                        .mapToDouble(Coverage.TargetCoverage::coveredShare)
                        .min()
                        .orElse(1)
                : (length - union(all)) / (double) length;
        boolean complete = share >= 1;
        return new Coverage(from, end, share, complete, complete ? null : notice(share, targets), targets);
    }

    /** The coverage of a target over {@code [from, end)}, and its uncovered ranges (all of them, for the overall union). */
    private record Measured(Coverage.TargetCoverage coverage, List<Coverage.Gap> gaps) {}

    private Measured measure(Entry entry, Instant from, Instant end, long length) {
        String kind = entry.id().substring(0, entry.id().indexOf(':'));
        String value = entry.id().substring(entry.id().indexOf(':') + 1);
        List<Coverage.Gap> gaps = new ArrayList<>();
        String note = null;
        Instant coveredSince = null;
        Instant capturedUntil = null;
        if (entry.platforms().isEmpty()
                || (entry.watched().isEmpty() && entry.ledgers().isEmpty())) {
            note = NOT_WATCHED;
            gaps.add(new Coverage.Gap(from, end, NOT_WATCHED, null));
        } else {
            boolean anyCaptured = false;
            boolean snapshotsOnly = false;
            for (Platform platform : entry.platforms().stream().sorted().toList()) {
                TargetCoverageDocument ledger = entry.ledgers().get(platform);
                if (ledger == null
                        && TargetDocument.Kind.PROFILE.key().equals(kind)
                        && platform.profileSnapshotsOnly()) {
                    // The profile's capture there reads its counts, not its posts: the posts an answer counts of it
                    // came with a watched hashtag only, a part of them.
                    snapshotsOnly = true;
                    gaps.add(new Coverage.Gap(from, end, SNAPSHOTS_ONLY, platform.key()));
                    continue;
                }
                if (ledger == null || ledger.coveredSince() == null || ledger.lastCaptureAt() == null) {
                    // Posts of a platform the tag is not watched on came with another, watched tag: a part only.
                    String reason =
                            ledger == null && !entry.watched().contains(platform) ? NOT_WATCHED : NEVER_CAPTURED;
                    gaps.add(new Coverage.Gap(from, end, reason, platform.key()));
                    continue;
                }
                anyCaptured = true;
                coveredSince = latest(coveredSince, ledger.coveredSince());
                capturedUntil = capturedUntil == null || ledger.lastCaptureAt().isBefore(capturedUntil)
                        ? ledger.lastCaptureAt()
                        : capturedUntil;
                if (from.isBefore(ledger.coveredSince())) {
                    gaps.add(new Coverage.Gap(
                            from, earliest(ledger.coveredSince(), end), BEFORE_COVERAGE, platform.key()));
                }
                if (ledger.lastCaptureAt().isBefore(end)) {
                    gaps.add(new Coverage.Gap(
                            latest(from, ledger.lastCaptureAt()), end, AFTER_LAST_CAPTURE, platform.key()));
                }
                for (CoverageGapDocument gap : entry.gaps()) {
                    if (gap.platform() == platform) {
                        gaps.add(new Coverage.Gap(
                                gap.from(), gap.to(), gap.reason().key(), platform.key()));
                    }
                }
            }
            if (!anyCaptured) {
                note = snapshotsOnly && gaps.stream().allMatch(g -> SNAPSHOTS_ONLY.equals(g.reason()))
                        ? SNAPSHOTS_ONLY
                        : NEVER_CAPTURED;
            }
            if (gapsReadUntil != null) {
                gaps.add(new Coverage.Gap(gapsReadUntil, end, TOO_MANY_GAPS, null));
            }
        }
        List<Coverage.Gap> clipped = gaps.stream()
                .map(g -> new Coverage.Gap(latest(g.from(), from), earliest(g.to(), end), g.reason(), g.platform()))
                .filter(g -> g.from().isBefore(g.to()))
                .sorted(Comparator.comparing(Coverage.Gap::from).thenComparing(Coverage.Gap::reason))
                .toList();
        double share;
        if (note != null) {
            share = 0;
        } else if (length == 0) {
            share = 1;
        } else {
            share = (length - union(clipped)) / (double) length;
        }
        int shown = Math.min(clipped.size(), MAX_GAPS_SHOWN);
        return new Measured(
                new Coverage.TargetCoverage(
                        entry.id(),
                        kind,
                        value,
                        share,
                        coveredSince,
                        capturedUntil,
                        clipped.subList(0, shown),
                        clipped.size() - shown,
                        note),
                clipped);
    }

    /** Milliseconds covered by the union of the ranges (they may overlap: a page-budget gap inside an outage). */
    static long union(List<Coverage.Gap> ranges) {
        List<Coverage.Gap> sorted =
                ranges.stream().sorted(Comparator.comparing(Coverage.Gap::from)).toList();
        long total = 0;
        Instant reach = null;
        for (Coverage.Gap range : sorted) {
            Instant start = reach == null ? range.from() : latest(range.from(), reach);
            if (start.isBefore(range.to())) {
                total += Duration.between(start, range.to()).toMillis();
                reach = range.to();
            }
        }
        return total;
    }

    private static String notice(double share, List<Coverage.TargetCoverage> targets) {
        String parts = targets.stream()
                .filter(t -> t.coveredShare() < 1)
                .map(t -> t.target() + " " + percent(t.coveredShare()) + " ("
                        + (t.note() != null
                                ? t.note()
                                : t.gaps().stream()
                                        .map(Coverage.Gap::reason)
                                        .distinct()
                                        .collect(Collectors.joining(", ")))
                        + ")")
                .collect(Collectors.joining("; "));
        return "Incomplete: capture covers " + percent(share) + " of this window for all targets together; " + parts
                + ". Posts in the uncovered ranges are missing from the figures, not zero.";
    }

    /** One decimal; a share short of 1 never reads as 100.0 %, next to "Incomplete". */
    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share < 1 ? Math.min(share * 100, 99.9) : share * 100);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
