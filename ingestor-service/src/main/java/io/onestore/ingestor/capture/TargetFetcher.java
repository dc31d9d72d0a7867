package io.onestore.ingestor.capture;

import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Fetches and normalises one target, choosing accounts from the pool and retrying on another account when one is
 * rate-limited or walled. Never errors: every failure is a {@link CaptureResult.Failed}.
 */
public interface TargetFetcher {

    /** A capture that reads one page of a feed and keeps no ledger. */
    default Mono<CaptureResult> fetch(Target target, Instant capturedAt) {
        return fetch(target, capturedAt, CoverageOrder.firstPage());
    }

    /** A capture that walks as the target's ledger says: to the high-water mark, then some back-fill. */
    Mono<CaptureResult> fetch(Target target, Instant capturedAt, CoverageOrder order);
}
