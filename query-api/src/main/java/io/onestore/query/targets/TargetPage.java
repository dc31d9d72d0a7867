package io.onestore.query.targets;

import java.util.List;

/**
 * A page of targets, by kind then value.
 *
 * @param total targets matching the filters (with {@code underCovered=true}: among those scanned)
 * @param notice a plain sentence when the answer is bounded: with {@code underCovered=true} only the first {@value
 *     TargetLedgerService#MAX_SCAN} targets by kind and value are examined; null otherwise
 */
public record TargetPage(int page, int size, long total, List<TargetLedger> targets, String notice) {}
