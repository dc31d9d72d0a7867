package io.onestore.ingestor.capture.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.MalformedAnswers;
import io.onestore.ingestor.capture.PlatformTargetFetcher;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.bluesky.AppViewClient;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.json.ContractJson;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What a cycle does with a Bluesky target: its posts are not fetched, the stream reads them all the time. A hashtag
 * target is completed as captured (an empty batch), so it is not leased again every tick and its {@code last_outcome}
 * says the platform is served; the stream's own progress is its cursor. A profile target, when an AppView is
 * configured, is captured as its profile snapshot ({@code app.bsky.actor.getProfile} by handle or DID), once per
 * cycle like any profile: "Profile not found" fails it as {@code rejected}, a 429 as {@code rate_limited}, a body
 * that is not a profile as {@code malformed} with the body dead-lettered; each stays due.
 */
public final class StreamedTargets implements PlatformTargetFetcher {

    private final AppViewClient appView;
    private final ProfileViewNormalizer profiles;
    private final MalformedAnswers malformedAnswers = new MalformedAnswers(ContractJson.mapper());

    /** Without an AppView: every target is the stream's only. */
    public StreamedTargets() {
        this(null, null);
    }

    /** @param appView null when none is configured */
    public StreamedTargets(AppViewClient appView, ProfileViewNormalizer profiles) {
        this.appView = appView;
        this.profiles = profiles;
    }

    @Override
    public Platform platform() {
        return Platform.BLUESKY;
    }

    // The stream captures these targets; the order of a polled walk does not apply.
    @Override
    public Mono<CaptureResult> fetch(Target target, Instant capturedAt, CoverageOrder order) {
        if (target.kind() == TargetDocument.Kind.PROFILE && appView != null) {
            return appView.profile(target.value()).map(outcome -> profile(target, outcome, capturedAt));
        }
        return Mono.just(new CaptureResult.Captured(
                new CaptureBatch(target, capturedAt, List.of(), List.of(), null, null, List.of())));
    }

    private CaptureResult profile(Target target, FetchOutcome<JsonNode> outcome, Instant capturedAt) {
        if (outcome instanceof FetchOutcome.Ok<JsonNode> ok) {
            return new CaptureResult.Captured(new CaptureBatch(
                    target,
                    capturedAt,
                    List.of(),
                    List.of(),
                    null,
                    profiles.snapshot(ok.value(), capturedAt),
                    List.of()));
        }
        if (outcome instanceof FetchOutcome.Malformed<?> malformed) {
            return malformedAnswers.failed(target, malformed, capturedAt, Platform.BLUESKY, AppViewClient.SOURCE);
        }
        return new CaptureResult.Failed(target, outcome.label(), outcome.reason(), List.of());
    }
}
