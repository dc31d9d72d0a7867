package io.onestore.model.metric;

/**
 * Engagement of a post: the interactions people made with it, {@code likes + comments + shares}. Views are not
 * interactions and are kept apart. A count that is unknown (absent, or negative as upstreams send for "hidden") adds
 * nothing, and likes the author hid are never added, whatever placeholder the upstream sent for them (Instagram
 * sends -1 or 3). When none of the three is known the engagement is unknown too: null, stored as an absent field,
 * never 0 (a Bluesky post before the stream counted it, docs/open-networks.md). Derived at index time because the
 * test server has no scripting (design.md §4).
 */
public final class Engagement {

    private Engagement() {}

    /** @return the sum of the known counts; null when none of them is known */
    public static Long of(Long likes, Long comments, Long shares, boolean likesHidden) {
        Long knownLikes = likesHidden ? null : likes;
        if (!known(knownLikes) && !known(comments) && !known(shares)) {
            return null;
        }
        return count(knownLikes) + count(comments) + count(shares);
    }

    private static boolean known(Long count) {
        return count != null && count >= 0;
    }

    private static long count(Long count) {
        return known(count) ? count : 0;
    }
}
