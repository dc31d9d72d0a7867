package io.onestore.simulator.fault;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What goes wrong, and how often: each rate is the probability that one upstream request gets that fault (checked in
 * the order of {@link FaultMode}; their sum should stay at or below 1). Whether request number n gets a fault is a
 * function of {@code seed} and n alone, so a run with the same seed and the same request order sees the same faults.
 *
 * @param latencyMs added to every upstream response
 * @param pathPrefix only requests whose path starts with this (after any Graph API version prefix); null for all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSettings(
        long seed,
        long latencyMs,
        double serverError,
        double rateLimit,
        double loginHtml,
        double loginRedirect,
        double pleaseWait,
        double checkpoint,
        double malformedJson,
        double truncatedJson,
        String pathPrefix) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);

    /** The rates in the order faults are drawn, aligned with {@link FaultMode#values()}. */
    List<Double> rates() {
        return List.of(
                serverError, rateLimit, loginHtml, loginRedirect, pleaseWait, checkpoint, malformedJson, truncatedJson);
    }

    boolean any() {
        return latencyMs > 0 || rates().stream().anyMatch(r -> r > 0);
    }
}
