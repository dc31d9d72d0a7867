package io.onestore.ingestor.capture;

import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DeadLetterDocument;
import java.util.List;

/** The outcome of trying to capture one target in one cycle. A failed target stays due; none is ever dropped. */
public sealed interface CaptureResult {

    Target target();

    /** The target was fetched (through whichever account) and normalised. */
    record Captured(CaptureBatch batch) implements CaptureResult {
        @Override
        public Target target() {
            return batch.target();
        }
    }

    /**
     * The target is watched on a platform this ingestor does not read (its source is not enabled): nothing was
     * fetched and nothing is missing from what it reads. The target is not failed for it, so its other platforms keep
     * their interval instead of falling due every tick.
     */
    record Skipped(Target target, String reason) implements CaptureResult {}

    /**
     * Every attempt failed this cycle (no account with budget, all rate-limited, upstream down, …).
     *
     * @param outcome a stable label for metrics and the target's {@code last_outcome}: {@code rate_limited},
     *     {@code login_wall}, {@code transient}, {@code malformed}, {@code no_account}
     * @param deadLetters upstream bodies that could not be parsed, to keep verbatim
     */
    record Failed(Target target, String outcome, String reason, List<DeadLetterDocument> deadLetters)
            implements CaptureResult {
        public Failed {
            deadLetters = List.copyOf(deadLetters);
        }
    }
}
