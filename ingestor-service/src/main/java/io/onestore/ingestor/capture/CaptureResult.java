package io.onestore.ingestor.capture;

import io.onestore.ingestor.targets.CoverageUpdate;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DeadLetterDocument;
import java.util.List;

/** The outcome of trying to capture one target in one cycle. A failed target stays due; none is ever dropped. */
public sealed interface CaptureResult {

    Target target();

    /**
     * The target was fetched (through whichever account) and normalised.
     *
     * @param coverage what the capture's walks read, for the coverage ledger; null for a capture without walks
     */
    record Captured(CaptureBatch batch, CoverageUpdate.Capture coverage) implements CaptureResult {

        public Captured(CaptureBatch batch) {
            this(batch, null);
        }

        @Override
        public Target target() {
            return batch.target();
        }
    }

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
