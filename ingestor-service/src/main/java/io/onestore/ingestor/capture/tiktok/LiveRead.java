package io.onestore.ingestor.capture.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.targets.FeedWalk;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The live read of one capture: the windows it meant to read (newest first) and what reading each came to, until the
 * first that stopped short.
 */
record LiveRead(List<QueryWindows.Window> windows, List<LiveRead.Read> reads) {

    record Read(QueryWindows.Window window, WindowRead read) {}

    LiveRead {
        windows = List.copyOf(windows);
        reads = List.copyOf(reads);
    }

    int pages() {
        return reads.stream().mapToInt(r -> r.read().pages()).sum();
    }

    /** Requests made: pages that answered and the one that failed, if any. */
    int calls() {
        return pages() + (failure() == null ? 0 : 1);
    }

    /** Why the read stopped, null when it did not fail (it may still have run out of pages). */
    FetchOutcome<?> failure() {
        return reads.isEmpty() ? null : reads.get(reads.size() - 1).read().failure();
    }

    boolean complete() {
        return reads.size() == windows.size()
                && reads.stream().allMatch(r -> r.read().complete());
    }

    List<JsonNode> videos() {
        List<JsonNode> videos = new ArrayList<>();
        reads.forEach(r -> videos.addAll(r.read().videos()));
        return videos;
    }

    /**
     * The read as the ledger sees a walk: the new mark is the newest video read (never older than the old one); when
     * the read stopped short, the days from the old mark up to the first unread window's end, but not into the new
     * mark's day (which the next capture reads again), are a gap.
     */
    FeedWalk.Result walk(Mark oldMark, Function<JsonNode, Mark> marks) {
        Mark newest = oldMark;
        Instant oldest = null;
        int newPosts = 0;
        int read = 0;
        for (JsonNode video : videos()) {
            Mark mark = marks.apply(video);
            if (mark == null) {
                continue;
            }
            read++;
            if (newest == null || mark.publishedAt().isAfter(newest.publishedAt())) {
                newest = mark;
            }
            if (oldest == null || mark.publishedAt().isBefore(oldest)) {
                oldest = mark.publishedAt();
            }
            if (oldMark != null && mark.publishedAt().isAfter(oldMark.publishedAt())) {
                newPosts++;
            }
        }
        Optional<FeedWalk.Gap> gap = Optional.empty();
        if (oldMark != null && !complete()) {
            Instant to = firstUnread().until();
            Instant newMarkDay = QueryWindows.day(newest.publishedAt())
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            if (newMarkDay.isBefore(to)) {
                to = newMarkDay;
            }
            if (to.isAfter(oldMark.publishedAt())) {
                gap = Optional.of(new FeedWalk.Gap(oldMark.publishedAt(), to, reason(), pages()));
            }
        }
        return new FeedWalk.Result(newest, oldest, pages(), read == 0 ? 0 : newPosts, complete(), gap);
    }

    private QueryWindows.Window firstUnread() {
        for (Read r : reads) {
            if (!r.read().complete()) {
                return r.window();
            }
        }
        return windows.get(reads.size());
    }

    private GapReason reason() {
        FetchOutcome<?> failure = failure();
        if (failure == null) {
            return GapReason.PAGE_BUDGET;
        }
        return failure instanceof FetchOutcome.RateLimited<?> ? GapReason.ACCOUNT_BUDGET : GapReason.UPSTREAM_FAILURE;
    }
}
