package io.onestore.simulator.world;

import java.util.List;

/**
 * One post as the world holds it; its metrics depend on the time you look ({@link Engagement}).
 *
 * @param seq the post's number within its hour, brand and stream; with {@code takenAt} and {@code brand} it makes the
 *     per-network ids
 * @param caption null for a post without a caption
 * @param firstComment the author's first comment, where some people put their tags; null when none
 * @param tags normalised hashtags of the caption and the first comment: the feeds a post appears in
 * @param appeal the like count the post tends to (the saturating curve's ceiling)
 * @param likesHidden the author hid the like count: the web shapes show {@code hiddenLikeValue} (-1 or 3)
 */
public record Post(
        long takenAt,
        int brand,
        int seq,
        Author author,
        MediaKind kind,
        int carouselSize,
        String caption,
        String firstComment,
        List<String> tags,
        List<String> mentions,
        Sentiment sentiment,
        boolean campaign,
        double appeal,
        boolean likesHidden,
        int hiddenLikeValue) {

    public enum Sentiment {
        POSITIVE,
        NEUTRAL,
        NEGATIVE
    }

    /** The Instagram media id: milliseconds since Instagram's epoch shifted over a shard-like suffix, 19 digits. */
    public long igId() {
        return ((takenAt * 1000 - 1_314_220_021_721L) << 23) | ((long) brand << 10) | seq;
    }

    /** The post time an Instagram media id encodes (whole seconds). */
    public static long takenAtOfIgId(long igId) {
        return Math.floorDiv((igId >>> 23) + 1_314_220_021_721L, 1000);
    }

    /** The Instagram shortcode: the media id in Instagram's base-64 alphabet. */
    public String shortcode() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder code = new StringBuilder();
        long id = igId();
        while (id > 0) {
            code.append(alphabet.charAt((int) (id % 64)));
            id /= 64;
        }
        return code.reverse().toString();
    }

    /** The X id: a snowflake from the post time. */
    public long xId() {
        return ((takenAt * 1000 - 1_288_834_974_657L) << 22) | ((long) brand << 12) | seq;
    }

    /** The TikTok video id. */
    public long tiktokId() {
        return (takenAt << 32) | ((long) brand << 16) | seq;
    }

    /**
     * The Mastodon status id: a snowflake like Mastodon's own (milliseconds since the Unix epoch over 16 low bits),
     * so ids sort by time as the real ones do and {@code min_id}/{@code max_id} page by them.
     */
    public long mastodonId() {
        return ((takenAt * 1000) << 16) | (((long) brand << 10) | seq) & 0xFFFF;
    }

    /** The Bluesky record key: a TID-like base-32 rendering of the post time and sequence, sortable by time. */
    public String blueskyRkey() {
        long micros = takenAt * 1_000_000L + ((long) brand << 10 | seq);
        String alphabet = "234567abcdefghijklmnopqrstuvwxyz";
        StringBuilder key = new StringBuilder();
        long value = micros << 10;
        for (int i = 0; i < 13; i++) {
            key.append(alphabet.charAt((int) (value & 31)));
            value >>>= 5;
        }
        return key.reverse().toString();
    }

    public boolean isVisible() {
        return !author.isPrivate();
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
