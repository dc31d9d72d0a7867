package io.onestore.ingestor.capture.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.tiktok.VideoQuery;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetCoverageDocument.Backfill;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/**
 * A target's back-fill on TikTok (a hashtag's or a profile's videos): windows of at most 30 days read from the day before the live range back to the
 * back-fill start, a share of pages per capture. The stored cursor is {@code <start>:<end>[:<cursor>:<search_id>]}
 * (dates as {@code yyyy-MM-dd}): the window being read and, mid-window, where its search stands. Nothing is read
 * before {@code now - maxLookback}; a start older than that is recorded once as an {@code api_window} gap.
 */
final class TikTokBackfill {

    /** What back-fill read in one capture and the state to store. */
    record Outcome(List<JsonNode> videos, int pages, int calls, Backfill state) {}

    private final WindowReader reader;
    private final int windowDays;

    TikTokBackfill(WindowReader reader, int windowDays) {
        this.reader = reader;
        this.windowDays = windowDays;
    }

    /** The gap of a start the lookback cannot reach, on the first capture of a back-fill only; else null. */
    static FeedWalk.Gap unreachable(Backfill state, Instant earliest) {
        if (state == null
                || state.pages() > 0
                || state.cursor() != null
                || !state.start().isBefore(earliest)) {
            return null;
        }
        Instant floor = QueryWindows.day(earliest).atStartOfDay(ZoneOffset.UTC).toInstant();
        return floor.isAfter(state.start()) ? new FeedWalk.Gap(state.start(), floor, GapReason.API_WINDOW, 0) : null;
    }

    /**
     * Reads up to {@code pages} pages.
     *
     * @param query the target's video query over a range of days (a hashtag's, a profile's)
     * @param liveFirstDay the oldest day the live read queried: the first back-fill window ends the day before it
     * @param earliest nothing older is queried ({@code now - maxLookback})
     */
    Mono<Outcome> read(
            String spender,
            BiFunction<LocalDate, LocalDate, VideoQuery> query,
            Backfill state,
            LocalDate liveFirstDay,
            Instant earliest,
            int pages) {
        LocalDate floor = QueryWindows.day(state.start().isBefore(earliest) ? earliest : state.start());
        Position at = state.cursor() != null
                ? Position.parse(state.cursor())
                : new Position(QueryWindows.endingOn(liveFirstDay.minusDays(1), floor, windowDays), 0, null);
        return step(spender, query, state, floor, at, pages, new ArrayList<>(), 0, 0, state.reached());
    }

    private Mono<Outcome> step(
            String spender,
            BiFunction<LocalDate, LocalDate, VideoQuery> query,
            Backfill state,
            LocalDate floor,
            Position at,
            int pagesLeft,
            List<JsonNode> videos,
            int pages,
            int calls,
            Instant reached) {
        if (at.window().end().isBefore(floor)) {
            return Mono.just(new Outcome(
                    videos, pages, calls, new Backfill(state.start(), reached, null, true, state.pages() + pages)));
        }
        if (pagesLeft <= 0) {
            return Mono.just(new Outcome(videos, pages, calls, stored(state, reached, at, pages)));
        }
        VideoQuery first = query.apply(at.window().start(), at.window().end());
        VideoQuery page = at.searchId() == null ? first : first.next(at.cursor(), at.searchId());
        return reader.read(spender, page, pagesLeft).flatMap(read -> {
            videos.addAll(read.videos());
            int nowPages = pages + read.pages();
            int nowCalls = calls + read.pages() + (read.failure() == null ? 0 : 1);
            if (read.complete()) {
                LocalDate nextEnd = at.window().start().minusDays(1);
                Position next = new Position(QueryWindows.endingOn(nextEnd, floor, windowDays), 0, null);
                return step(
                        spender,
                        query,
                        state,
                        floor,
                        next,
                        pagesLeft - read.pages(),
                        videos,
                        nowPages,
                        nowCalls,
                        min(reached, at.window().from()));
            }
            // A refused search id (expired) starts the window again next time; any other stop resumes where it was.
            Position resume = read.failure() instanceof FetchOutcome.Rejected<?>
                    ? new Position(at.window(), 0, null)
                    : new Position(at.window(), read.cursor(), read.searchId());
            return Mono.just(new Outcome(videos, nowPages, nowCalls, stored(state, reached, resume, nowPages)));
        });
    }

    private static Backfill stored(Backfill state, Instant reached, Position at, int pages) {
        return new Backfill(state.start(), reached, at.format(), false, state.pages() + pages);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** Where back-fill stands: the window being read and, mid-window, its search. */
    record Position(QueryWindows.Window window, int cursor, String searchId) {

        String format() {
            String days = window.start() + ":" + window.end();
            return searchId == null ? days : days + ":" + cursor + ":" + searchId;
        }

        static Position parse(String text) {
            String[] parts = text.split(":", 4);
            QueryWindows.Window window = new QueryWindows.Window(LocalDate.parse(parts[0]), LocalDate.parse(parts[1]));
            return parts.length == 4
                    ? new Position(window, Integer.parseInt(parts[2]), parts[3])
                    : new Position(window, 0, null);
        }
    }
}
