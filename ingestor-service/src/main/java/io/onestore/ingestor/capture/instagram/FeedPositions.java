package io.onestore.ingestor.capture.instagram;

import io.onestore.model.document.TargetCoverageDocument.Mark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A page's posts as positions in the feed (time and id), what the walk to the high-water mark reads. */
final class FeedPositions {

    private FeedPositions() {}

    /** Items without a time (unreadable upstream) have no position and are skipped. */
    static <T> List<Mark> of(List<T> items, Function<T, String> id, Function<T, Long> epochSecond) {
        List<Mark> marks = new ArrayList<>(items.size());
        for (T item : items) {
            Long seconds = epochSecond.apply(item);
            if (seconds != null) {
                marks.add(new Mark(Instant.ofEpochSecond(seconds), id.apply(item)));
            }
        }
        return marks;
    }

    static <T> List<Mark> ofInstants(List<T> items, Function<T, String> id, Function<T, Instant> time) {
        List<Mark> marks = new ArrayList<>(items.size());
        for (T item : items) {
            Instant at = time.apply(item);
            if (at != null) {
                marks.add(new Mark(at, id.apply(item)));
            }
        }
        return marks;
    }
}
