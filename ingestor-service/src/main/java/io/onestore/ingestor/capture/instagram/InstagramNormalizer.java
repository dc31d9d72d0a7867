package io.onestore.ingestor.capture.instagram;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;

/**
 * Where the fetcher hands what it read: {@code normalize/} implements it, so capture never names a normaliser and the
 * stages depend one way only. Pure CPU work (sentiment on every caption), called off the HTTP event loop.
 */
@FunctionalInterface
public interface InstagramNormalizer {

    /**
     * @param source the {@code source} the documents carry, e.g. {@code instagram-web}
     */
    CaptureBatch normalize(Target target, InstagramPayload payload, Instant capturedAt, String source);
}
