package io.onestore.ingestor.capture.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.PlatformTargetFetcher;
import io.onestore.ingestor.config.MastodonSettings;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.mastodon.MastodonTimelineClient;
import io.onestore.ingestor.source.mastodon.TimelinePage;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.SourceCursors;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Captures a hashtag on every configured Mastodon server: each server's timeline is read from its own cursor (the
 * newest status id read there, in {@code source-cursors} under {@code <host>/<tag>}), and a post several servers
 * served is one post (its canonical {@code uri}), with the counts of its home server when that was one of them.
 *
 * <p>Politeness: a server that answered {@code X-RateLimit-Remaining: 0} or 429 is not called again before its
 * {@code X-RateLimit-Reset}; a server that refuses its hashtag timeline to anonymous readers (401/403/422) is logged
 * once and left alone for {@code locked-recheck}, not retried every cycle. A failing server never fails the others;
 * the target fails only when no server could be read, and then stays due.
 *
 * <p>Cursors: a read's new cursor is kept in memory once the cycle has handed the capture to the indexer
 * ({@link CaptureResult.Captured#onHandOver()}; a capture the cycle abandoned leaves it where it was) and written to
 * Elasticsearch at the start of the next capture of the tag, when the cycle that read it has flushed its writes to
 * Elasticsearch or the spool. A restart
 * resumes from the written cursor: at most one capture is read twice, into the same ids.
 */
public final class MastodonTargetFetcher implements PlatformTargetFetcher {

    public static final String SOURCE = "mastodon";
    private static final Logger log = LoggerFactory.getLogger(MastodonTargetFetcher.class);
    private static final Duration DEFAULT_RATE_REST = Duration.ofMinutes(5);

    private final TimelineWalk walk;
    private final MastodonNormalizer normalizer;
    private final SourceCursors store;
    private final MastodonSettings settings;
    private final Clock clock;
    /** Newest id read per {@code host/tag}, ahead of the stored cursor by at most one capture. */
    private final Map<String, String> read = new ConcurrentHashMap<>();
    /** Cursors read but not yet written; written at the next capture of their tag. */
    private final Map<String, String> unwritten = new ConcurrentHashMap<>();
    /** Servers not to call before the instant, by host: rate-limited or locked. */
    private final Map<String, Instant> resting = new ConcurrentHashMap<>();
    /** Why each resting server rests ({@code rate_limited} or {@code locked}), for the coverage ledger. */
    private final Map<String, GapReason> restingFor = new ConcurrentHashMap<>();

    public MastodonTargetFetcher(
            MastodonTimelineClient client,
            MastodonNormalizer normalizer,
            SourceCursors store,
            MastodonSettings settings,
            Clock clock) {
        this.walk = new TimelineWalk(
                client, settings.limit(), settings.maxPages(), settings.backfillPages(), this::rateHeaders);
        this.normalizer = normalizer;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.MASTODON;
    }

    // Mastodon walks forward from each server's own cursor (source-cursors); the order gives only the tag's mark.
    @Override
    public Mono<CaptureResult> fetch(Target target, Instant capturedAt, CoverageOrder order) {
        if (target.kind() != TargetDocument.Kind.HASHTAG) {
            return Mono.just(new CaptureResult.Failed(
                    target, "rejected", "Mastodon targets are hashtags; profiles are not read", List.of()));
        }
        String tag = target.value();
        return Mono.fromCallable(() -> cursors(tag))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(cursors -> Flux.fromIterable(settings.servers())
                        .concatMap(server -> readServer(server, tag, cursors.get(key(server, tag))))
                        .collectList())
                .publishOn(Schedulers.parallel())
                .map(reads -> result(target, reads, capturedAt, order))
                .onErrorResume(
                        IOException.class,
                        e -> Mono.just(new CaptureResult.Failed(
                                target, "transient", "cannot read the cursors: " + e.getMessage(), List.of())))
                .onErrorResume(e -> {
                    log.error("Capture of {} failed unexpectedly", target, e);
                    return Mono.just(new CaptureResult.Failed(
                            target,
                            "transient",
                            "internal error: " + e.getClass().getSimpleName(),
                            List.of()));
                });
    }

    /** Writes the tag's unwritten cursors (blocking), then answers every server's cursor. */
    private Map<String, String> cursors(String tag) throws IOException {
        Map<String, String> mine = new HashMap<>();
        for (URI server : settings.servers()) {
            String key = key(server, tag);
            String cursor = unwritten.get(key);
            if (cursor != null) {
                mine.put(key, cursor);
            }
        }
        if (store.write(SOURCE, mine, clock.instant())) {
            mine.forEach(unwritten::remove);
        }
        List<String> missing = settings.servers().stream()
                .map(server -> key(server, tag))
                .filter(key -> !read.containsKey(key))
                .toList();
        store.read(SOURCE, missing).forEach(read::putIfAbsent);
        Map<String, String> all = new HashMap<>();
        settings.servers().forEach(server -> {
            String cursor = read.get(key(server, tag));
            if (cursor != null) {
                all.put(key(server, tag), cursor);
            }
        });
        return all;
    }

    private Mono<ServerRead> readServer(URI server, String tag, String cursor) {
        Instant until = resting.get(host(server));
        if (until != null && until.isAfter(clock.instant())) {
            return Mono.just(new ServerRead(
                    server, List.of(), cursor, new FetchOutcome.RateLimited<>(null, "resting until " + until), 0));
        }
        return walk.read(server, tag, cursor).doOnNext(this::obeyLimits);
    }

    private void obeyLimits(ServerRead read) {
        String host = host(read.server());
        Instant now = clock.instant();
        if (read.failure() instanceof FetchOutcome.RateLimited<?> limited) {
            Duration rest = limited.retryAfter() != null ? limited.retryAfter() : DEFAULT_RATE_REST;
            rest(host, now.plus(rest), GapReason.RATE_LIMITED);
        } else if (read.failure() instanceof FetchOutcome.LoginWall<?> locked) {
            log.warn(
                    "Mastodon server {} refuses its hashtag timelines to anonymous readers ({}); asking again in {}",
                    host,
                    locked.reason(),
                    settings.lockedRecheck());
            rest(host, now.plus(settings.lockedRecheck()), GapReason.LOCKED);
        } else if (read.failure() != null) {
            log.info(
                    "Mastodon server {}: {} ({})",
                    host,
                    read.failure().label(),
                    read.failure().reason());
        }
    }

    /** Rests a server whose last page said no calls remain until its reset. */
    private void rateHeaders(URI server, TimelinePage page) {
        if (page.remaining() != null && page.remaining() <= 0 && page.reset() != null) {
            rest(host(server), page.reset(), GapReason.RATE_LIMITED);
        }
    }

    private void rest(String host, Instant until, GapReason why) {
        resting.put(host, until);
        restingFor.put(host, why);
    }

    /** Why a server's read stopped before the capture time, for the coverage ledger; null when it did not. */
    private GapReason stoppedBy(ServerRead read) {
        FetchOutcome<?> failure = read.failure();
        if (failure instanceof FetchOutcome.LoginWall<?>) {
            return GapReason.LOCKED;
        }
        if (failure instanceof FetchOutcome.RateLimited<?>) {
            return restingFor.getOrDefault(host(read.server()), GapReason.RATE_LIMITED);
        }
        if (failure != null) {
            return GapReason.UPSTREAM_FAILURE;
        }
        return read.budgetSpent() ? GapReason.PAGE_BUDGET : null;
    }

    private CaptureResult result(Target target, List<ServerRead> reads, Instant capturedAt, CoverageOrder order) {
        boolean anyRead = reads.stream().anyMatch(r -> !r.failedOutright());
        if (!anyRead) {
            FetchOutcome<?> first = reads.get(0).failure();
            return new CaptureResult.Failed(
                    target, first.label(), "no Mastodon server could be read: " + first.reason(), List.of());
        }
        Map<String, String> reached = new HashMap<>();
        for (ServerRead r : reads) {
            if (r.cursor() != null) {
                reached.put(key(r.server(), target.value()), r.cursor());
            }
        }
        // The cursors move only once the posts they cover are with the indexer (regression: a cycle that timed out
        // while the first capture of #puma finished moved them past 120 statuses never written).
        List<JsonNode> merged = merged(reads);
        return new CaptureResult.Captured(
                normalizer.normalize(target, merged, capturedAt),
                MastodonCoverage.of(reads, merged, order.mark(), capturedAt, this::stoppedBy),
                () -> moveCursors(reached));
    }

    private void moveCursors(Map<String, String> reached) {
        read.putAll(reached);
        unwritten.putAll(reached);
    }

    /** Each post once, by canonical uri; the copy of its home server wins (remote servers see partial counts). */
    static List<JsonNode> merged(List<ServerRead> reads) {
        Map<String, JsonNode> byUri = new LinkedHashMap<>();
        Map<String, Boolean> fromHome = new HashMap<>();
        for (ServerRead r : reads) {
            for (JsonNode status : r.statuses()) {
                String uri = status.path("uri").asText("");
                boolean home = isHome(r.server(), uri);
                if (!byUri.containsKey(uri) || (home && !fromHome.get(uri))) {
                    byUri.put(uri, status);
                    fromHome.put(uri, home);
                }
            }
        }
        return List.copyOf(byUri.values());
    }

    private static boolean isHome(URI server, String uri) {
        try {
            return server.getHost() != null
                    && server.getHost().equalsIgnoreCase(URI.create(uri).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String host(URI server) {
        String host = server.getHost() == null ? server.toString() : server.getHost();
        return server.getPort() > 0 ? host + ":" + server.getPort() : host;
    }

    /** {@code mastodon.social/nike}: a server's cursor for one tag. */
    static String key(URI server, String tag) {
        return host(server) + "/" + tag;
    }
}
