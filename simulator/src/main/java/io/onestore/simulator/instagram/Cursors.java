package io.onestore.simulator.instagram;

import io.onestore.simulator.world.FeedPage;
import io.onestore.simulator.world.Post;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

/**
 * Opaque page cursors. A cursor names the last post of a page, and the next page starts strictly after it in the
 * feed's order, so posts arriving between two page requests do not shift the pages.
 */
final class Cursors {

    private Cursors() {}

    record Page(List<Post> items, String next) {}

    static String encode(Post post) {
        return encode("p" + post.igId());
    }

    static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The igId a cursor names, when it is one of ours. */
    static OptionalLong igIdOf(String cursor) {
        String raw = cursor == null ? "" : decode(cursor);
        if (raw.startsWith("p")) {
            try {
                return OptionalLong.of(Long.parseLong(raw.substring(1)));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** The page after {@code cursor} (null or unreadable: the first page) of a newest-first list. */
    static Page page(List<Post> newestFirst, String cursor, int size) {
        OptionalLong after = igIdOf(cursor);
        int start = 0;
        if (after.isPresent()) {
            while (start < newestFirst.size() && newestFirst.get(start).igId() >= after.getAsLong()) {
                start++;
            }
        }
        int end = Math.min(newestFirst.size(), start + size);
        List<Post> items = newestFirst.subList(start, end);
        String next = end < newestFirst.size() && !items.isEmpty() ? encode(items.get(items.size() - 1)) : null;
        return new Page(items, next);
    }

    /** A feed page as the shapes show it: the next cursor names its last post when more follow. */
    static Page of(FeedPage page) {
        List<Post> items = page.items();
        return new Page(items, page.hasMore() && !items.isEmpty() ? encode(items.get(items.size() - 1)) : null);
    }
}
