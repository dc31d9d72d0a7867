package io.onestore.model.document;

import io.onestore.model.text.Hashtags;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The document-id scheme. Ids are deterministic so that every write is idempotent: a post fetched twice, from two
 * feeds or by two replicas, is one document; a snapshot taken twice in one capture bucket is one snapshot. A target's
 * id ({@code hashtag:nike}) is {@link TargetDocument#idOf}, next to the kinds it is made of.
 */
public final class DocumentIds {

    private DocumentIds() {}

    /** {@code instagram:3141592653589793} */
    public static String post(Platform platform, String nativeId) {
        return platform.key() + ":" + requireText(nativeId, "native id");
    }

    /** {@code instagram:tag:nike} */
    public static String tag(Platform platform, String tag) {
        return platform.key() + ":tag:" + Hashtags.normalize(tag).orElseThrow(() -> invalid("tag", tag));
    }

    /**
     * {@code x:tag:nike@2026-11-26T12:00:00Z}: a tag's volume in the hour starting then, in {@code tag-volume}. Keyed
     * by the hour, not by the capture, so every read of the same hour (a later cycle, another replica) rewrites one
     * document, and the open hour's count grows in place.
     */
    public static String tagVolume(Platform platform, String tag, Instant hourStart) {
        if (!hourStart.equals(bucketStart(hourStart, Duration.ofHours(1)))) {
            throw new IllegalArgumentException("a volume bucket starts on the hour: " + hourStart);
        }
        return tag(platform, tag) + "@" + hourStart;
    }

    /** {@code instagram:profile:nike} (handles are case-insensitive upstream) */
    public static String profile(Platform platform, String username) {
        return platform.key() + ":profile:" + requireText(username, "username").toLowerCase(Locale.ROOT);
    }

    /** {@code hashtag:nike@instagram}: the coverage ledger of a target on one platform. */
    public static String targetCoverage(String targetId, Platform platform) {
        return requireText(targetId, "target id") + "@" + platform.key();
    }

    /**
     * {@code hashtag:nike@instagram:page_budget:2026-11-26T12:45:00Z}: one gap, keyed by where it starts and why, so
     * recording the same gap again (a retried cycle, a second replica) rewrites one document.
     */
    public static String coverageGap(String targetId, Platform platform, Instant from, GapReason reason) {
        return targetCoverage(targetId, platform) + ":" + reason.key() + ":" + from;
    }

    /**
     * {@code hashtag:nike@mastodon:rate_limited:2026-11-26T12:45:00Z@mastodon.social}: a gap of one part of a source
     * (a Mastodon server), so two servers' gaps from the same instant stay two documents.
     */
    public static String coverageGap(String targetId, Platform platform, Instant from, GapReason reason, String part) {
        String gap = coverageGap(targetId, platform, from, reason);
        return part == null ? gap : gap + "@" + part;
    }

    /**
     * A capture of {@code base} in the bucket holding {@code capturedAt}: {@code instagram:tag:nike@2026-11-26T12:45:00Z}
     * for a 5-minute bucket. Buckets are aligned to the epoch so every replica computes the same one.
     */
    public static String capture(String base, Instant capturedAt, Duration bucket) {
        return base + "@" + bucketStart(capturedAt, bucket);
    }

    public static Instant bucketStart(Instant instant, Duration bucket) {
        long size = bucket.toMillis();
        if (size <= 0) {
            throw new IllegalArgumentException("capture bucket must be positive: " + bucket);
        }
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), size) * size);
    }

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw invalid(what, value);
        }
        return value.strip();
    }

    private static IllegalArgumentException invalid(String what, String value) {
        return new IllegalArgumentException("invalid " + what + ": '" + value + "'");
    }
}
