package io.onestore.query.search;

import io.onestore.query.post.PostSummary;
import java.util.List;

/**
 * One page of a post search.
 *
 * @param total matching posts; exact, since pages are bounded by {@code max-result-window} anyway
 */
public record PostPage(int page, int size, long total, String sort, List<PostSummary> posts) {}
