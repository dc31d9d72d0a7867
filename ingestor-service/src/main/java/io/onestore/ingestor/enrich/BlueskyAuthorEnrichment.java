package io.onestore.ingestor.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.MalformedAnswers;
import io.onestore.ingestor.capture.bluesky.ProfileViewNormalizer;
import io.onestore.ingestor.config.EnrichSettings;
import io.onestore.ingestor.index.BulkIndexer;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.bluesky.AppViewClient;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.json.ContractJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Author enrichment on Bluesky: the stream's posts carry a DID and no follower count, so after each cycle the top
 * authors of the watched Bluesky hashtags (by engagement and by posts, as for Instagram: {@link AuthorCandidates} by
 * {@code author.id}) whose snapshot is missing or older than {@code refresh-after} are read from the AppView with
 * {@code app.bsky.actor.getProfiles}, {@value AppViewClient#MAX_ACTORS} a call, at most {@code max-per-cycle} calls a
 * cycle, into profile snapshots ({@code platform} bluesky, {@code user_id} the DID). The AppView's own limit is kept by
 * {@link AppViewClient}; a rate limit, a fault or a malformed answer (dead-lettered) ends enrichment for the cycle and
 * the authors stay candidates. An author the AppView does not return (deleted, taken down) is not asked again within
 * the period.
 */
final class BlueskyAuthorEnrichment implements CaptureFollowUp {

    private static final Logger log = LoggerFactory.getLogger(BlueskyAuthorEnrichment.class);

    private final AppViewClient appView;
    private final ProfileViewNormalizer profiles;
    private final AuthorCandidates candidates;
    private final BulkIndexer indexer;
    private final EnrichSettings settings;
    private final Duration timeout;
    private final MeterRegistry registry;
    private final MalformedAnswers malformedAnswers = new MalformedAnswers(ContractJson.mapper());
    /** DIDs the AppView did not return, by when; only the cycle's thread uses it. */
    private final Map<String, Instant> refused = new HashMap<>();

    BlueskyAuthorEnrichment(
            AppViewClient appView,
            ProfileViewNormalizer profiles,
            AuthorCandidates candidates,
            BulkIndexer indexer,
            EnrichSettings settings,
            Duration timeout,
            MeterRegistry registry) {
        this.appView = appView;
        this.profiles = profiles;
        this.candidates = candidates;
        this.indexer = indexer;
        this.settings = settings;
        this.timeout = timeout;
        this.registry = registry;
    }

    @Override
    public void afterCapture(List<Target> captured, Instant capturedAt) {
        List<String> tags = captured.stream()
                .filter(t -> t.kind() == TargetDocument.Kind.HASHTAG && t.platform() == Platform.BLUESKY)
                .map(Target::value)
                .distinct()
                .toList();
        if (!settings.enabled() || tags.isEmpty()) {
            return;
        }
        List<String> due;
        try {
            due = candidates.due(
                    tags, capturedAt, settings, refused, settings.maxPerCycle() * AppViewClient.MAX_ACTORS);
        } catch (IOException | RuntimeException e) {
            log.warn("Bluesky author enrichment skipped this cycle: cannot choose its authors ({})", e.toString());
            return;
        }
        int enriched = 0;
        for (int from = 0; from < due.size(); from += AppViewClient.MAX_ACTORS) {
            List<String> chunk = due.subList(from, Math.min(due.size(), from + AppViewClient.MAX_ACTORS));
            int read = enrich(chunk, capturedAt);
            if (read < 0) {
                count("stopped", due.size() - from);
                break;
            }
            enriched += read;
        }
        if (enriched > 0) {
            indexer.flush(timeout);
        }
        log.info("Bluesky author enrichment: {} of {} due authors enriched", enriched, due.size());
    }

    /** Snapshots of {@code dids} from one getProfiles call: how many, or -1 when enrichment stops for the cycle. */
    private int enrich(List<String> dids, Instant capturedAt) {
        FetchOutcome<List<JsonNode>> outcome;
        try {
            outcome = appView.profiles(dids).block(timeout);
        } catch (RuntimeException e) {
            outcome = new FetchOutcome.Transient<>(e.getClass().getSimpleName());
        }
        if (outcome instanceof FetchOutcome.Ok<List<JsonNode>> ok) {
            Set<String> answered = new HashSet<>();
            for (JsonNode view : ok.value()) {
                var snapshot = profiles.snapshot(view, capturedAt);
                answered.add(snapshot.userId().toLowerCase(Locale.ROOT));
                indexer.index(new CaptureBatch(null, capturedAt, List.of(), List.of(), null, snapshot, List.of()));
            }
            List<String> missing =
                    dids.stream().filter(did -> !answered.contains(did)).toList();
            missing.forEach(did -> refused.put(did, capturedAt));
            count("ok", dids.size() - missing.size());
            count("rejected", missing.size());
            return dids.size() - missing.size();
        }
        if (outcome instanceof FetchOutcome.Rejected<?>) {
            // The AppView refused the batch itself (an actor it cannot parse): none of them is asked again soon.
            dids.forEach(did -> refused.put(did, capturedAt));
            count("rejected", dids.size());
            log.info("Bluesky enrichment: getProfiles refused ({})", outcome.reason());
            return 0;
        }
        if (outcome instanceof FetchOutcome.Malformed<?> malformed) {
            indexer.deadLetters(List.of(malformedAnswers.letter(
                    TargetDocument.idOf(TargetDocument.Kind.PROFILE, dids.get(0)),
                    Platform.BLUESKY,
                    AppViewClient.SOURCE,
                    malformed,
                    capturedAt)));
        }
        log.info(
                "Bluesky enrichment stopped for this cycle: {} ({})",
                outcome == null ? "transient" : outcome.label(),
                outcome == null ? "no answer" : outcome.reason());
        return -1;
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            AuthorEnrichment.count(registry, outcome, n);
        }
    }
}
