package io.onestore.ingestor.normalize;

import io.onestore.ingestor.source.x.XClient;
import io.onestore.ingestor.source.x.XCounts;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TagVolumeDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * X's hourly counts as {@code tag-volume} documents, one per UTC hour (docs/ingestor-x.md, "The volume series").
 * Which buckets become documents:
 *
 * <ul>
 *   <li>a bucket of one whole hour, on the hour: {@code complete};
 *   <li>the last bucket, on the hour and shorter than one: the hour still open when X answered, stored with
 *       {@code complete: false} and the end X counted to, and rewritten by every later read until it is whole;
 *   <li>a bucket that does not start on the hour is left out: it is the window's first, which X starts 7 days before
 *       the request, so it counts only the end of its hour and would overwrite the whole count an earlier read stored.
 * </ul>
 */
final class XHourlyVolume {

    private static final Duration HOUR = Duration.ofHours(1);

    private XHourlyVolume() {}

    static List<TagVolumeDocument> of(String tag, XCounts counts, Instant capturedAt) {
        if (counts == null) {
            return List.of();
        }
        List<TagVolumeDocument> hours = new ArrayList<>();
        List<XCounts.Bucket> buckets = counts.buckets();
        for (int i = 0; i < buckets.size(); i++) {
            XCounts.Bucket bucket = buckets.get(i);
            boolean onTheHour = bucket.start().equals(DocumentIds.bucketStart(bucket.start(), HOUR));
            Instant hourEnd = bucket.start().plus(HOUR);
            boolean whole = bucket.end().equals(hourEnd);
            boolean open = i == buckets.size() - 1
                    && bucket.end().isAfter(bucket.start())
                    && bucket.end().isBefore(hourEnd);
            if (onTheHour && (whole || open)) {
                hours.add(new TagVolumeDocument(
                        Platform.X,
                        tag,
                        bucket.start(),
                        bucket.end(),
                        bucket.count(),
                        whole,
                        capturedAt,
                        XClient.SOURCE));
            }
        }
        return hours;
    }
}
