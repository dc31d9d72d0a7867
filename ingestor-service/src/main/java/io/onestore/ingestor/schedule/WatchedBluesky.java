package io.onestore.ingestor.schedule;

import io.onestore.ingestor.capture.bluesky.HandleResolver;
import io.onestore.ingestor.config.BlueskySettings;
import io.onestore.ingestor.targets.CoverageLedger;
import io.onestore.ingestor.targets.StreamCoverage;
import io.onestore.ingestor.targets.Target;
import io.onestore.ingestor.targets.TargetLeases;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Bluesky stream watches (hashtags, and profiles by DID, re-read every {@code targets-refresh}) and the
 * coverage ledgers it keeps of them: the stream's batches match against the first and record into the second.
 */
final class WatchedBluesky {

    private static final Logger log = LoggerFactory.getLogger(JetstreamConsumer.class);

    private final TargetLeases targets;
    private final Supplier<Set<String>> fileTargetIds;
    private final HandleResolver handles;
    private final BlueskySettings settings;
    private final StreamCoverage coverage;
    private final StreamCoverage profileCoverage;
    /** The stream's position, for the log only. */
    private final Supplier<Long> position;

    // Written by the one worker that handles batches, read by the reconnecting loop (a gap at a resume).
    private volatile Instant watchedAt = Instant.MIN;
    private volatile Set<String> watchedTags = Set.of();
    /** The watched Bluesky profiles by DID, refreshed with the tags (a handle is resolved to its DID). */
    private volatile Map<String, Target> watchedDids = Map.of();

    WatchedBluesky(
            TargetLeases targets,
            Supplier<Set<String>> fileTargetIds,
            HandleResolver handles,
            CoverageLedger ledger,
            BlueskySettings settings,
            Supplier<Long> position) {
        this.targets = targets;
        this.fileTargetIds = fileTargetIds;
        this.handles = handles;
        this.settings = settings;
        this.coverage = new StreamCoverage(ledger, Platform.BLUESKY, settings.coverageInterval());
        this.profileCoverage =
                new StreamCoverage(ledger, Platform.BLUESKY, TargetDocument.Kind.PROFILE, settings.coverageInterval());
        this.position = position;
    }

    /** The hashtags' ledgers (the back-fill extends them). */
    StreamCoverage tagCoverage() {
        return coverage;
    }

    StreamCoverage coverageOf(Target target) {
        return target.kind() == TargetDocument.Kind.PROFILE ? profileCoverage : coverage;
    }

    /** The watched profiles by DID, as of the last {@link #tags} that read them. */
    Map<String, Target> dids() {
        return watchedDids;
    }

    /**
     * The watched hashtags, read again when {@code targets-refresh} has passed (with the profiles' DIDs); on a failed
     * read the last ones are kept.
     *
     * @throws IllegalStateException when they were never read: matching against nothing would move the cursor past
     *     the watched tags' posts
     */
    Set<String> tags(Instant now) {
        if (watchedAt.plus(settings.targetsRefresh()).isAfter(now)) {
            return watchedTags;
        }
        try {
            List<Target> watched = targets.watched(Platform.BLUESKY, fileTargetIds.get());
            Set<String> read = watched.stream()
                    .filter(t -> t.kind() == TargetDocument.Kind.HASHTAG)
                    .map(Target::value)
                    .collect(Collectors.toUnmodifiableSet());
            if (!read.equals(watchedTags)) {
                log.info("Bluesky stream now matches {} (was {}), from position {}", read, watchedTags, position.get());
            }
            watchedTags = read;
            watchedDids = Map.copyOf(handles.dids(watched, now));
            watchedAt = now;
        } catch (IOException | RuntimeException e) {
            if (watchedAt.equals(Instant.MIN)) {
                // Never read: matching against nothing would move the cursor past the watched tags' posts.
                throw new IllegalStateException("cannot read the watched Bluesky targets yet: " + e, e);
            }
            log.warn("Cannot read the watched Bluesky targets; keeping {}: {}", watchedTags, e.toString());
        }
        return watchedTags;
    }

    /** The ledger follows the stored cursor only: what a restart would read again is not yet covered. */
    void covered(Set<String> tags, Instant from, Instant to, Instant now) {
        try {
            coverage.covered(tags, from, to, now);
            profileCoverage.covered(watchedProfiles(), from, to, now);
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot write the Bluesky coverage ledger: {}", e.toString());
        }
    }

    /** A resume point older than the endpoints can replay: a gap of every watched target. */
    void recordGap(Instant from, Instant to, Instant now) {
        try {
            coverage.replayGap(tags(now), from, to, now);
            profileCoverage.replayGap(watchedProfiles(), from, to, now);
            log.warn("Jetstream resumes at {}, older than it can replay: gap {} to {} recorded", from, from, to);
        } catch (IOException e) {
            log.warn("Cannot record the Jetstream gap {} to {}: {}", from, to, e.toString());
        }
    }

    /** The values (handle or DID) of the watched profiles whose DID is known. */
    private Set<String> watchedProfiles() {
        return watchedDids.values().stream().map(Target::value).collect(Collectors.toUnmodifiableSet());
    }
}
