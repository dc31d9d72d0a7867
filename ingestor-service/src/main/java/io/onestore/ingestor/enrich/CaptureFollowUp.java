package io.onestore.ingestor.enrich;

import io.onestore.ingestor.targets.Target;
import java.time.Instant;
import java.util.List;

/** Work a cycle does after its captures are indexed, with what it captured; never throws. */
@FunctionalInterface
public interface CaptureFollowUp {

    CaptureFollowUp NONE = (captured, capturedAt) -> {};

    /**
     * @param captured the targets this cycle captured successfully
     * @param capturedAt the cycle's capture time
     */
    void afterCapture(List<Target> captured, Instant capturedAt);
}
