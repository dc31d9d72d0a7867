package io.onestore.ingestor.capture.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.ingestor.account.SharedSpend;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.CaptureResult;
import io.onestore.ingestor.capture.MalformedAnswers;
import io.onestore.ingestor.capture.PlatformTargetFetcher;
import io.onestore.ingestor.config.TikTokSettings;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.tiktok.ResearchQuota;
import io.onestore.ingestor.source.tiktok.TikTokResearchClient;
import io.onestore.ingestor.source.tiktok.VideoQuery;
import io.onestore.ingestor.targets.CoverageOrder;
import io.onestore.ingestor.targets.CoverageUpdate;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Captures a target through the TikTok Research API video query.
 *
 * <p>A hashtag is read by creation date, not as a feed: the live read queries the days from the high-water mark's
 * (less the overlap) through today, split into windows of at most 30 days, newest first, each paged with {@code
 * cursor}/{@code search_id} to its end; then the capture's back-fill pages read older windows ({@link
 * TikTokBackfill}). A read that stops early (quota used up: {@code account_budget}; page budget; a failing page:
 * {@code upstream_failure}) leaves the unread days below the new mark as a gap; the days from the new mark's on are
 * read again by the next capture anyway. Nothing answered at all is a failed capture: the target stays due and its
 * mark does not move.
 *
 * <p>A profile is its user info (a profile snapshot) and its videos, read by username like a hashtag's (from the mark,
 * but at least the last {@code profileDays} each capture, whose counters change; back-fill; the same ledger and gaps).
 * Malformed answers are kept as dead letters; the target is never dropped.
 */
public final class TikTokTargetFetcher implements PlatformTargetFetcher {

    public static final String SOURCE = "tiktok-research";
    private static final Logger log = LoggerFactory.getLogger(TikTokTargetFetcher.class);
    private static final Duration FIRST_LIVE_SPAN = Duration.ofDays(1);

    private final TikTokResearchClient client;
    private final TikTokNormalizer normalizer;
    private final TikTokSettings settings;
    private final WindowReader reader;
    private final TikTokBackfill backfill;
    private final MalformedAnswers malformedAnswers;
    private final SharedQuota shared;

    /**
     * @param quota the client's quotas, which {@code client} counts against
     * @param shared the targets' quota use as every process recorded it ({@code index/SpendBook})
     */
    public TikTokTargetFetcher(
            TikTokResearchClient client,
            TikTokNormalizer normalizer,
            TikTokSettings settings,
            ObjectMapper json,
            ResearchQuota quota,
            SharedSpend<ResearchQuota.DaySpend> shared) {
        this.client = client;
        this.normalizer = normalizer;
        this.settings = settings;
        this.reader = new WindowReader(client, settings.maxCount());
        this.backfill = new TikTokBackfill(reader, settings.windowDays());
        this.malformedAnswers = new MalformedAnswers(json);
        this.shared = new SharedQuota(quota, shared);
    }

    @Override
    public Platform platform() {
        return Platform.TIKTOK;
    }

    @Override
    public Mono<CaptureResult> fetch(Target target, Instant capturedAt, CoverageOrder order) {
        return shared.around(target, () -> Mono.defer(() -> target.kind() == TargetDocument.Kind.PROFILE
                        ? profile(target, capturedAt, order)
                        : hashtag(target, capturedAt, order))
                .onErrorResume(e -> {
                    log.error("Capture of {} failed unexpectedly", target, e);
                    return Mono.just(new CaptureResult.Failed(
                            target,
                            "transient",
                            "internal error: " + e.getClass().getSimpleName(),
                            List.of()));
                }));
    }

    private Mono<CaptureResult> hashtag(Target target, Instant capturedAt, CoverageOrder order) {
        Instant from = order.mark() != null
                ? order.mark().publishedAt().minus(order.overlap())
                : capturedAt.minus(FIRST_LIVE_SPAN);
        return videos(
                target, capturedAt, order, (start, end) -> VideoQuery.hashtag(target.value(), start, end), from, null);
    }

    /**
     * A profile: its user info (the snapshot), then its videos like a hashtag's, by username: from the mark, but at
     * least the last {@code profileDays} every capture (their counters change), then back-fill.
     */
    private Mono<CaptureResult> profile(Target target, Instant capturedAt, CoverageOrder order) {
        return client.userInfo(target.id(), target.value()).flatMap(info -> {
            if (!(info instanceof FetchOutcome.Ok<JsonNode> user)) {
                return Mono.just(failed(target, info, capturedAt));
            }
            Instant recent = capturedAt.minus(settings.profileDays());
            Instant from = order.mark() != null
                            && order.mark().publishedAt().minus(order.overlap()).isBefore(recent)
                    ? order.mark().publishedAt().minus(order.overlap())
                    : recent;
            return videos(
                    target,
                    capturedAt,
                    order,
                    (start, end) -> VideoQuery.username(target.value(), start, end),
                    from,
                    user.value());
        });
    }

    /**
     * The target's videos from {@code from} to today (the live read), then its back-fill pages.
     *
     * @param query the target's video query over a range of days
     * @param user the profile's user info (a profile snapshot); null for a hashtag
     */
    private Mono<CaptureResult> videos(
            Target target,
            Instant capturedAt,
            CoverageOrder order,
            BiFunction<LocalDate, LocalDate, VideoQuery> query,
            Instant from,
            JsonNode user) {
        String spender = target.id();
        List<QueryWindows.Window> windows =
                QueryWindows.newestFirst(QueryWindows.day(from), QueryWindows.day(capturedAt), settings.windowDays());
        return live(spender, query, windows, 0, Math.max(1, order.pageBudget()), new ArrayList<>())
                .flatMap(reads -> {
                    LiveRead live = new LiveRead(windows, reads);
                    if (live.pages() == 0 && live.failure() != null) {
                        return Mono.just(failed(target, live.failure(), capturedAt));
                    }
                    Instant earliest = capturedAt.minus(settings.maxLookback());
                    TargetCoverageDocument.Backfill state = order.backfill();
                    boolean backfillNow =
                            state != null && !state.done() && order.backfillPages() > 0 && live.failure() == null;
                    Mono<TikTokBackfill.Outcome> back = backfillNow
                            ? backfill.read(
                                    spender, query, state, QueryWindows.day(from), earliest, order.backfillPages())
                            : Mono.just(new TikTokBackfill.Outcome(List.of(), 0, 0, state));
                    return back.map(b -> captured(target, capturedAt, order, live, b, earliest, user));
                });
    }

    /** Reads the windows newest first until one stops short or the pages run out. */
    private Mono<List<LiveRead.Read>> live(
            String spender,
            BiFunction<LocalDate, LocalDate, VideoQuery> query,
            List<QueryWindows.Window> windows,
            int index,
            int pagesLeft,
            List<LiveRead.Read> reads) {
        if (index >= windows.size() || pagesLeft <= 0) {
            return Mono.just(reads);
        }
        QueryWindows.Window window = windows.get(index);
        return reader.read(spender, query.apply(window.start(), window.end()), pagesLeft)
                .flatMap(read -> {
                    reads.add(new LiveRead.Read(window, read));
                    return read.complete()
                            ? live(spender, query, windows, index + 1, pagesLeft - read.pages(), reads)
                            : Mono.just(reads);
                });
    }

    private CaptureResult captured(
            Target target,
            Instant capturedAt,
            CoverageOrder order,
            LiveRead live,
            TikTokBackfill.Outcome back,
            Instant earliest,
            JsonNode user) {
        List<JsonNode> videos = new ArrayList<>(live.videos());
        videos.addAll(back.videos());
        FeedWalk.Result walk = live.walk(order.mark(), VideoMarks::of);
        FeedWalk.Gap window = TikTokBackfill.unreachable(order.backfill(), earliest);
        if (live.failure() != null) {
            log.info(
                    "TikTok {}: stopped early ({}: {})",
                    target,
                    live.failure().label(),
                    live.failure().reason());
        }
        CoverageUpdate.Capture coverage = new CoverageUpdate.Capture(
                walk, live.videos().size(), back.state(), back.pages(), live.calls() + back.calls(), window, false);
        var batch = normalizer.normalize(target, distinct(videos), user, capturedAt);
        List<DeadLetterDocument> letters = new ArrayList<>(batch.deadLetters());
        if (live.failure() instanceof FetchOutcome.Malformed<?> malformed) {
            letters.add(malformedAnswers.letter(target, Platform.TIKTOK, SOURCE, malformed, capturedAt));
        }
        return new CaptureResult.Captured(
                new CaptureBatch(
                        batch.target(),
                        batch.capturedAt(),
                        batch.posts(),
                        batch.metrics(),
                        batch.tagSnapshot(),
                        batch.profileSnapshot(),
                        letters),
                coverage);
    }

    /** Each video once (a video can sit in two windows' answers when a capture's range moved): the first read wins. */
    private static List<JsonNode> distinct(List<JsonNode> videos) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode video : videos) {
            byId.putIfAbsent(video.path("id").asText(""), video);
        }
        return List.copyOf(byId.values());
    }

    private CaptureResult.Failed failed(Target target, FetchOutcome<?> outcome, Instant capturedAt) {
        List<DeadLetterDocument> letters = outcome instanceof FetchOutcome.Malformed<?> malformed
                ? List.of(malformedAnswers.letter(target, Platform.TIKTOK, SOURCE, malformed, capturedAt))
                : List.of();
        return new CaptureResult.Failed(target, outcome.label(), "TikTok: " + outcome.reason(), letters);
    }
}
