package io.onestore.ingestor.capture;

import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Mono;

/**
 * The one {@link TargetFetcher} a cycle sees: each target goes to the {@link PlatformTargetFetcher} of its platform.
 * A fetcher that names no platform (a test's scripted upstream) takes every platform no other fetcher claims. A target
 * on a platform nothing is configured for fails as {@code no_source}: it stays due and shows in the target's
 * {@code last_outcome}, so a campaign asking for a platform the ingestor does not read is visible, never silent.
 */
public final class PlatformRouting implements TargetFetcher {

    private final Map<Platform, TargetFetcher> byPlatform;
    private final TargetFetcher fallback;

    private PlatformRouting(Map<Platform, TargetFetcher> byPlatform, TargetFetcher fallback) {
        this.byPlatform = byPlatform;
        this.fallback = fallback;
    }

    /**
     * The fetcher every caller of the fetching side uses, the cycle's as well as enrichment's: a {@code @Primary}
     * fetcher that names no platform (a test's scripted upstream) takes every target; otherwise the routing over every
     * fetcher. Null when there is none. Looked up at each call, so a fetcher that comes later is found.
     */
    public static TargetFetcher of(ObjectProvider<TargetFetcher> fetchers) {
        try {
            TargetFetcher primary = fetchers.getIfAvailable();
            if (primary != null && !(primary instanceof PlatformTargetFetcher)) {
                return primary;
            }
        } catch (NoUniqueBeanDefinitionException several) {
            // no primary among several (Instagram with Mastodon or Bluesky): route by platform
        }
        return of(fetchers.orderedStream().toList());
    }

    /** The routing over these fetchers; null when there are none (cycles then skip). */
    public static TargetFetcher of(List<TargetFetcher> fetchers) {
        if (fetchers.isEmpty()) {
            return null;
        }
        Map<Platform, TargetFetcher> byPlatform = new EnumMap<>(Platform.class);
        TargetFetcher fallback = null;
        for (TargetFetcher fetcher : fetchers) {
            if (fetcher instanceof PlatformTargetFetcher own) {
                if (byPlatform.putIfAbsent(own.platform(), own) != null) {
                    throw new IllegalStateException(
                            "two fetchers for " + own.platform().key());
                }
            } else if (fallback == null) {
                fallback = fetcher;
            } else {
                throw new IllegalStateException("more than one TargetFetcher without a platform");
            }
        }
        return new PlatformRouting(byPlatform, fallback);
    }

    @Override
    public Mono<CaptureResult> fetch(Target target, Instant capturedAt, CoverageOrder order) {
        TargetFetcher fetcher = byPlatform.getOrDefault(target.platform(), fallback);
        if (fetcher == null) {
            return Mono.just(new CaptureResult.Failed(
                    target,
                    "no_source",
                    "no source is configured for " + target.platform().key(),
                    List.of()));
        }
        return fetcher.fetch(target, capturedAt, order);
    }
}
