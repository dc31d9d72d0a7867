package io.onestore.ingestor.targets;

import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetCoverageDocument.Backfill;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import io.onestore.model.document.TargetDocument;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The coverage ledger of the hashtags a stream reads (Bluesky's Jetstream): a stream reads every watched tag all the
 * time, so a tag is covered from where the stream first read it for the tag (the position of the first batch after it
 * was watched, or the start of its back-fill) up to the last cursor persisted with its writes. A resume point the
 * endpoint can no longer replay is a gap ({@link #gap}). Ledgers are written at most every {@code interval} (the stream
 * advances every second; the ledger need not), so coverage may lag the stream by that much, never lead it.
 *
 * <p>Called by the stream's batch worker and by back-fills when they finish: its methods are synchronized.
 */
public final class StreamCoverage {

    private final CoverageLedger ledger;
    private final Platform platform;
    /** Hashtags, or watched profiles (their posts matched by author): the same ledger, another kind of target. */
    private final TargetDocument.Kind kind;

    private final Duration interval;
    /** Where the stream began reading each tag in this process; the ledger's {@code covered_since} wins once written. */
    private final Map<String, Instant> since = new HashMap<>();
    /** Newest post matched per tag since the last write. */
    private final Map<String, Mark> newest = new HashMap<>();
    /** Posts matched per tag since the last write, for the rate. */
    private final Map<String, Integer> matched = new HashMap<>();
    /** Back-fills done in this process since the last write: tag to where they began. */
    private final Map<String, Backfill> backfilled = new HashMap<>();

    private Instant lastWrite = Instant.MIN;
    private boolean gapsChanged;

    public StreamCoverage(CoverageLedger ledger, Platform platform, Duration interval) {
        this(ledger, platform, TargetDocument.Kind.HASHTAG, interval);
    }

    /** @param kind of the targets whose values this coverage is given ({@code tag} below names either) */
    public StreamCoverage(CoverageLedger ledger, Platform platform, TargetDocument.Kind kind, Duration interval) {
        this.ledger = ledger;
        this.platform = platform;
        this.kind = kind;
        this.interval = interval;
    }

    /** A batch matched a post for a tag ({@code publishedAt}: the event's stream time). */
    public synchronized void matched(String tag, Mark post) {
        matched.merge(tag, 1, Integer::sum);
        Mark known = newest.get(tag);
        if (known == null || post.publishedAt().isAfter(known.publishedAt())) {
            newest.put(tag, post);
        }
    }

    /**
     * A back-fill read {@code tags} from {@code start} up to where the live stream was reading them: their ledgers (as
     * the live stream wrote them) now reach back to {@code start}.
     *
     * @throws IOException when the ledgers cannot be written; the next write of the live stream carries it
     */
    public synchronized void backfilled(Set<String> tags, Instant start, Instant now) throws IOException {
        Backfill done = new Backfill(start, start, null, true, 0);
        for (String tag : tags) {
            since.merge(tag, start, (a, b) -> b.isBefore(a) ? b : a);
            backfilled.put(tag, done);
        }
        Map<String, TargetCoverageDocument> known =
                ledger.read(tags.stream().map(this::ledgerId).toList());
        List<TargetCoverageDocument> extended = known.values().stream()
                .map(l -> new TargetCoverageDocument(
                        l.targetId(),
                        l.kind(),
                        l.value(),
                        l.platform(),
                        l.highWaterMark(),
                        l.coveredSince() == null || start.isBefore(l.coveredSince()) ? start : l.coveredSince(),
                        done,
                        l.ratePerHour(),
                        l.lastCaptureAt(),
                        l.nextDueAt(),
                        l.intervalSeconds(),
                        l.pagesSpent(),
                        l.callsSpent(),
                        l.openGaps(),
                        l.plan(),
                        now))
                .toList();
        ledger.write(extended, List.of());
    }

    /**
     * The stream read {@code tags} from {@code from} and persisted its cursor at {@code to} (stream times): written to
     * the ledger when {@code interval} has passed since the last write.
     *
     * @throws IOException when the ledger cannot be read or written; the stream goes on, the next write catches up
     */
    public synchronized void covered(Set<String> tags, Instant from, Instant to, Instant now) throws IOException {
        for (String tag : tags) {
            since.putIfAbsent(tag, from);
        }
        if (now.isBefore(lastWrite.plus(interval)) || tags.isEmpty()) {
            return;
        }
        List<String> ids = tags.stream().map(this::ledgerId).toList();
        Map<String, TargetCoverageDocument> previous = ledger.read(ids);
        Map<String, Long> openGaps = gapsChanged ? ledger.openGaps(targetIds(tags), platform) : Map.of();
        List<TargetCoverageDocument> ledgers = new ArrayList<>();
        for (String tag : tags) {
            TargetCoverageDocument known = previous.get(ledgerId(tag));
            ledgers.add(ledger(tag, known, to, now, openGaps));
        }
        ledger.write(ledgers, List.of());
        lastWrite = now;
        gapsChanged = false;
        newest.clear();
        matched.clear();
        backfilled.clear();
    }

    /**
     * Records {@code [from, to)} of stream time, which the endpoint can no longer replay, as an {@code api_window} gap
     * of every watched tag.
     */
    public synchronized void replayGap(Set<String> tags, Instant from, Instant to, Instant now) throws IOException {
        List<CoverageGapDocument> gaps = tags.stream()
                .map(tag -> new CoverageGapDocument(
                        TargetDocument.idOf(kind, tag),
                        kind,
                        tag,
                        platform,
                        from,
                        to,
                        GapReason.API_WINDOW,
                        CoverageGapDocument.Status.OPEN,
                        now,
                        null,
                        null,
                        "stream down longer than the replay window"))
                .toList();
        ledger.write(List.of(), gaps);
        gapsChanged = true;
        lastWrite = Instant.MIN; // show the gap's count at the next batch
    }

    /** Whether the tag has a ledger: a tag without one is new to the stream, and may be back-filled. */
    public synchronized Set<String> unknown(Set<String> tags) throws IOException {
        Map<String, TargetCoverageDocument> known =
                ledger.read(tags.stream().map(this::ledgerId).toList());
        return tags.stream()
                .filter(tag -> !known.containsKey(ledgerId(tag)) && !since.containsKey(tag))
                .collect(Collectors.toUnmodifiableSet());
    }

    private TargetCoverageDocument ledger(
            String tag, TargetCoverageDocument known, Instant to, Instant now, Map<String, Long> openGaps) {
        Instant coveredSince = since.get(tag);
        if (known != null
                && known.coveredSince() != null
                && (coveredSince == null || known.coveredSince().isBefore(coveredSince))) {
            coveredSince = known.coveredSince();
        }
        Mark mark = newest.get(tag);
        if (known != null
                && known.highWaterMark() != null
                && (mark == null
                        || !mark.publishedAt().isAfter(known.highWaterMark().publishedAt()))) {
            mark = known.highWaterMark();
        }
        Double rate = known == null ? null : known.ratePerHour();
        Instant lastTo = known == null ? null : known.lastCaptureAt();
        if (lastTo != null && to.isAfter(lastTo)) {
            // In nanoseconds: stream positions are microseconds apart, and a zero in milliseconds made the rate
            // infinite,
            // which Elasticsearch refuses (the whole ledger write with it).
            double hours = Duration.between(lastTo, to).toNanos() / 3_600_000_000_000.0;
            double sample = matched.getOrDefault(tag, 0) / hours;
            rate = rate == null ? sample : CoverageUpdate.SMOOTHING * sample + (1 - CoverageUpdate.SMOOTHING) * rate;
        }
        Backfill backfill = backfilled.containsKey(tag) ? backfilled.get(tag) : known == null ? null : known.backfill();
        int gaps = openGaps.containsKey(TargetDocument.idOf(kind, tag))
                ? openGaps.get(TargetDocument.idOf(kind, tag)).intValue()
                : known == null ? 0 : known.openGaps();
        return new TargetCoverageDocument(
                TargetDocument.idOf(kind, tag),
                kind,
                tag,
                platform,
                mark,
                coveredSince,
                backfill,
                rate,
                to,
                null,
                null,
                0,
                0,
                gaps,
                null,
                now);
    }

    private List<String> targetIds(Set<String> tags) {
        return tags.stream().map(tag -> TargetDocument.idOf(kind, tag)).toList();
    }

    private String ledgerId(String tag) {
        return DocumentIds.targetCoverage(TargetDocument.idOf(kind, tag), platform);
    }
}
