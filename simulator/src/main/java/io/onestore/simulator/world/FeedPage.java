package io.onestore.simulator.world;

import java.util.List;

/**
 * One page of a tag's feed.
 *
 * @param items the page's posts in feed order
 * @param hasMore whether posts follow the last item (then the last item is the cursor of the next page)
 */
public record FeedPage(List<Post> items, boolean hasMore) {}
