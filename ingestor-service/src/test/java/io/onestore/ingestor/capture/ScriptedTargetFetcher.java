package io.onestore.ingestor.capture;

import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * Stands in for the upstream (never for Elasticsearch): a hashtag target yields two posts named after the tag, a
 * profile a profile snapshot, a target in {@code failing} a {@link CaptureResult.Failed}. Counts the fetches.
 */
public final class ScriptedTargetFetcher implements TargetFetcher {

    private final Map<Target, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile Consumer<Target> beforeFetch = target -> {};

    @Override
    public Mono<CaptureResult> fetch(Target target, Instant capturedAt, CoverageOrder order) {
        return Mono.fromSupplier(() -> {
            beforeFetch.accept(target);
            fetches.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
            if (failing.contains(target.value())) {
                return new CaptureResult.Failed(target, "transient", "scripted failure", List.of());
            }
            return new CaptureResult.Captured(
                    switch (target.kind()) {
                        case HASHTAG -> Captures.hashtag(target.value(), capturedAt, postsOf(target.value()), 10);
                        case PROFILE -> Captures.profile(target.value(), capturedAt);
                    });
        });
    }

    public static List<String> postsOf(String tag) {
        return List.of(tag + "-1", tag + "-2");
    }

    public void fail(String value) {
        failing.add(value);
    }

    public void succeed(String value) {
        failing.remove(value);
    }

    public void beforeFetch(Consumer<Target> hook) {
        beforeFetch = hook;
    }

    public int fetches(Target target) {
        AtomicInteger count = fetches.get(target);
        return count == null ? 0 : count.get();
    }

    public Map<Target, Integer> allFetches() {
        Map<Target, Integer> copy = new ConcurrentHashMap<>();
        fetches.forEach((target, count) -> copy.put(target, count.get()));
        return copy;
    }
}
