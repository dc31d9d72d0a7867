package io.onestore.ingestor.capture.bluesky;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.PlatformTargetFetcher;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What a cycle does with a Bluesky target: nothing to fetch, the stream reads it all the time. The target is
 * completed as captured (an empty batch), so it is not leased again every tick and its {@code last_outcome} says the
 * platform is served; the stream's own progress is its cursor.
 */
public final class StreamedTargets implements PlatformTargetFetcher {

    @Override
    public Platform platform() {
        return Platform.BLUESKY;
    }

    // The stream captures these targets; the order of a polled walk does not apply.
    @Override
    public Mono<CaptureResult> fetch(Target target, Instant capturedAt, CoverageOrder order) {
        return Mono.just(new CaptureResult.Captured(
                new CaptureBatch(target, capturedAt, List.of(), List.of(), null, null, List.of())));
    }
}
