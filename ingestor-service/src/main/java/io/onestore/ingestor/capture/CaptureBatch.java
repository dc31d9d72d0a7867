package io.onestore.ingestor.capture;

import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.PostMetricsDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.document.TagSnapshotDocument;
import io.onestore.model.document.TagVolumeDocument;
import java.time.Instant;
import java.util.List;

/**
 * Everything one fetch of one target produced, normalised and ready to index: the seam between the fetching side
 * ({@code source/}, {@code account/}, {@code normalize/}) and the writing side ({@code index/}, {@code schedule/}).
 *
 * @param posts each post once, with {@code firstSeenAt == lastSeenAt == capturedAt}; the indexer keeps an existing
 *     document's {@code firstSeenAt} and merges its {@code hashtags}/{@code foundInTags}
 * @param metrics one per post, same capture time
 * @param tagSnapshot present for a hashtag target
 * @param profileSnapshot present for a profile target
 * @param deadLetters parts of the upstream answer that could not be normalised, kept verbatim
 * @param tagVolume the tag's posts per hour where the upstream counts them (X), one per hour; empty elsewhere
 */
public record CaptureBatch(
        Target target,
        Instant capturedAt,
        List<PostDocument> posts,
        List<PostMetricsDocument> metrics,
        TagSnapshotDocument tagSnapshot,
        ProfileSnapshotDocument profileSnapshot,
        List<DeadLetterDocument> deadLetters,
        List<TagVolumeDocument> tagVolume) {

    public CaptureBatch {
        posts = List.copyOf(posts);
        metrics = List.copyOf(metrics);
        deadLetters = List.copyOf(deadLetters);
        tagVolume = List.copyOf(tagVolume);
    }

    /** A capture without a volume series: every platform but X. */
    public CaptureBatch(
            Target target,
            Instant capturedAt,
            List<PostDocument> posts,
            List<PostMetricsDocument> metrics,
            TagSnapshotDocument tagSnapshot,
            ProfileSnapshotDocument profileSnapshot,
            List<DeadLetterDocument> deadLetters) {
        this(target, capturedAt, posts, metrics, tagSnapshot, profileSnapshot, deadLetters, List.of());
    }
}
