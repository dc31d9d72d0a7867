package io.onestore.ingestor.targets;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.DocumentIds;

/**
 * One thing to watch on one platform: a normalised hashtag (no {@code #}) or a lower-case handle (no {@code @}).
 *
 * @param kind hashtag or profile
 * @param value the normalised tag or handle
 */
public record Target(TargetDocument.Kind kind, String value, Platform platform) {

    public static Target hashtag(String tag) {
        return new Target(TargetDocument.Kind.HASHTAG, tag, Platform.INSTAGRAM);
    }

    public static Target profile(String handle) {
        return new Target(TargetDocument.Kind.PROFILE, handle, Platform.INSTAGRAM);
    }

    /** The id of the target's document in {@code onestore-targets}. */
    public String id() {
        return DocumentIds.target(kind, value);
    }

    @Override
    public String toString() {
        return (kind == TargetDocument.Kind.HASHTAG ? "#" : "@") + value + " on " + platform.key();
    }
}
