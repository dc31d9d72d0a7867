package io.onestore.ingestor.capture;

import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The {@link TargetFetcher} the cycle uses: each target goes to the fetcher of its platform. A target on a platform
 * whose source is not enabled is {@link CaptureResult.Skipped} (once a warning per platform), never handed to another
 * network's fetcher.
 */
public final class PlatformFetchers implements TargetFetcher {

    private static final Logger log = LoggerFactory.getLogger(PlatformFetchers.class);

    private final Map<Platform, TargetFetcher> fetchers;
    private final Set<Platform> warned = ConcurrentHashMap.newKeySet();

    public PlatformFetchers(Map<Platform, TargetFetcher> fetchers) {
        this.fetchers = new EnumMap<>(fetchers);
    }

    @Override
    public Mono<CaptureResult> fetch(Target target, Instant capturedAt) {
        TargetFetcher fetcher = fetchers.get(target.platform());
        if (fetcher == null) {
            if (warned.add(target.platform())) {
                log.warn(
                        "Targets on {} are skipped: its source is not enabled (onestore.sources.{}.enabled)",
                        target.platform().key(),
                        target.platform().key());
            }
            return Mono.just(new CaptureResult.Skipped(target, target.platform().key() + " is not enabled"));
        }
        return fetcher.fetch(target, capturedAt);
    }

    /** The platforms with a fetcher. */
    public Set<Platform> platforms() {
        return fetchers.keySet();
    }
}
