package io.onestore.ingestor.capture.bluesky;

import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.bluesky.AppViewClient;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DID of each watched Bluesky profile: a DID target ({@code did:plc:…}, {@code did:web:…}) is its own; a handle
 * is resolved with {@code com.atproto.identity.resolveHandle} on the AppView and cached for {@code ttl} (a handle can
 * be moved to another account, so it is asked again after that). A handle that cannot be resolved now (no AppView
 * configured, unknown, rate-limited, AppView down) is left out of this round and asked again at the next, keeping its
 * last DID while it has one: the target stays watched, never dropped.
 */
public final class HandleResolver {

    private static final Logger log = LoggerFactory.getLogger(HandleResolver.class);

    private final AppViewClient appView;
    private final Duration ttl;
    private final Duration timeout;
    /** Handle to its last DID and when it was resolved; read and written by the stream's worker and by cycles. */
    private final Map<String, Resolved> cache = new ConcurrentHashMap<>();

    private record Resolved(String did, Instant at) {}

    /** @param appView null when no AppView is configured: only DID targets resolve */
    public HandleResolver(AppViewClient appView, Duration ttl, Duration timeout) {
        this.appView = appView;
        this.ttl = ttl;
        this.timeout = timeout;
    }

    /**
     * The DID of each Bluesky profile target of {@code targets} that resolves, keyed by DID; blocks for the AppView
     * calls of handles not resolved within {@code ttl} (call it off the event loop).
     */
    public Map<String, Target> dids(Collection<Target> targets, Instant now) {
        Map<String, Target> dids = new HashMap<>();
        for (Target target : targets) {
            if (target.kind() != TargetDocument.Kind.PROFILE || target.platform() != Platform.BLUESKY) {
                continue;
            }
            String did = did(target.value(), now);
            if (did != null) {
                dids.put(did, target);
            }
        }
        return dids;
    }

    private String did(String actor, Instant now) {
        if (actor.startsWith("did:")) {
            return actor;
        }
        Resolved known = cache.get(actor);
        if (known != null && known.at().plus(ttl).isAfter(now)) {
            return known.did();
        }
        if (appView == null) {
            log.warn(
                    "Bluesky @{} is watched by handle but no AppView is configured to resolve it; watch its DID"
                            + " or set onestore.sources.bluesky.appview.url",
                    actor);
            return null;
        }
        FetchOutcome<String> outcome;
        try {
            outcome = appView.resolveHandle(actor).block(timeout.plusSeconds(1));
        } catch (RuntimeException e) {
            outcome = new FetchOutcome.Transient<>(e.getClass().getSimpleName());
        }
        if (outcome instanceof FetchOutcome.Ok<String> ok) {
            cache.put(actor, new Resolved(ok.value(), now));
            return ok.value();
        }
        log.warn(
                "Cannot resolve Bluesky @{} ({}: {}); {} and asking again next round",
                actor,
                outcome == null ? "transient" : outcome.label(),
                outcome == null ? "no answer" : outcome.reason(),
                known == null ? "not matched meanwhile" : "keeping " + known.did());
        return known == null ? null : known.did();
    }
}
