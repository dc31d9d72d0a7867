package io.onestore.ingestor.targets;

import io.onestore.model.document.Platform;
import java.util.OptionalInt;

/**
 * How many captures the accounts of a platform can start now: the calls left in their sliding budget windows, each
 * capture needing at least one. A cycle leases no more targets than this (docs/coverage.md, "Leasing within the
 * budget"), so a target the accounts cannot serve stays due instead of being leased and failed for lack of an account.
 */
@FunctionalInterface
public interface CaptureCapacity {

    /** No platform is limited here: every due target may be leased (tests, replicas without an account pool). */
    CaptureCapacity UNLIMITED = platform -> OptionalInt.empty();

    /**
     * @return calls the platform's usable accounts may make now (0 when all are spent, cooling down or walled); empty
     *     when no pool limits the platform here, so its captures are not held back
     */
    OptionalInt callsAvailable(Platform platform);
}
