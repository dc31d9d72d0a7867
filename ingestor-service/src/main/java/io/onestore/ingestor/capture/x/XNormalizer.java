package io.onestore.ingestor.capture.x;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;

/**
 * Where the X fetcher hands what it read: {@code normalize/} implements it, so capture never names a normaliser.
 * Pure CPU work, called off the HTTP event loop.
 */
@FunctionalInterface
public interface XNormalizer {

    CaptureBatch normalize(Target target, XPayload payload, Instant capturedAt);
}
