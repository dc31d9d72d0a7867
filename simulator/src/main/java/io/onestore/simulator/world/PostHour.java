package io.onestore.simulator.world;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated hour: its posts newest first, and for each tag the posts carrying it in feed order, so a feed page or a
 * count reads only the posts of its tag.
 */
final class PostHour {

    private final List<Post> posts;
    private final Map<String, List<Post>> byTag;

    PostHour(List<Post> newestFirst, Comparator<Post> feedOrder) {
        this.posts = newestFirst;
        Map<String, List<Post>> tags = new HashMap<>();
        for (Post post : newestFirst) {
            for (String tag : post.tags()) {
                tags.computeIfAbsent(tag, t -> new ArrayList<>()).add(post);
            }
        }
        tags.replaceAll((tag, list) -> list.stream().sorted(feedOrder).toList());
        this.byTag = Map.copyOf(tags);
    }

    List<Post> posts() {
        return posts;
    }

    /** Every post of the hour carrying the tag, private ones too, in feed order. */
    List<Post> withTag(String tag) {
        return byTag.getOrDefault(tag, List.of());
    }

    int size() {
        return posts.size();
    }
}
