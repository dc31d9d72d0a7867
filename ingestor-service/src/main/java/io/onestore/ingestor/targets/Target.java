package io.onestore.ingestor.targets;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;

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
        return TargetDocument.idOf(kind, value);
    }

    /**
     * Whether a cycle's captures of it read posts and so keep its coverage ledger: every hashtag, and a profile on a
     * platform whose profile capture reads the profile's posts (not on X, where a profile is a user lookup:
     * {@link Platform#profileSnapshotsOnly()}). Never on a streamed platform ({@link Platform#streamed()}, Bluesky):
     * there the stream reads the posts and keeps the ledger, and a cycle only takes profile snapshots.
     */
    public boolean readsPosts() {
        if (platform.streamed()) {
            return false;
        }
        return kind == TargetDocument.Kind.HASHTAG || !platform.profileSnapshotsOnly();
    }

    @Override
    public String toString() {
        return (kind == TargetDocument.Kind.HASHTAG ? "#" : "@") + value + " on " + platform.key();
    }
}
