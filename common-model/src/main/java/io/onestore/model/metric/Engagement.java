package io.onestore.model.metric;

/**
 * Engagement of a post: the interactions people made with it, {@code likes + comments + shares}. Views are not
 * interactions and are kept apart. A count that is unknown (absent, or negative as upstreams send for "hidden") adds
 * nothing, and likes the author hid are never added, whatever placeholder the upstream sent for them (Instagram
 * sends -1 or 3). Derived at index time because the test server has no scripting (design.md §4).
 */
public final class Engagement {

    private Engagement() {}

    public static long of(Long likes, Long comments, Long shares, boolean likesHidden) {
        return (likesHidden ? 0 : known(likes)) + known(comments) + known(shares);
    }

    private static long known(Long count) {
        return count == null || count < 0 ? 0 : count;
    }
}
