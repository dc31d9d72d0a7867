package io.onestore.ingestor.capture;

import io.onestore.ingestor.targets.Target;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Fetches and normalises one target, choosing accounts from the pool and retrying on another account when one is
 * rate-limited or walled. Never errors: every failure is a {@link CaptureResult.Failed}.
 */
public interface TargetFetcher {

    Mono<CaptureResult> fetch(Target target, Instant capturedAt);
}
