package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.document.Author;
import io.onestore.model.document.MediaType;
import java.time.Instant;

/**
 * What every upstream shape says about one post, before the shared rules (hashtags, mentions, engagement,
 * sentiment) turn it into documents. Each shape's normaliser only has to fill this in.
 *
 * @param author null when the upstream carries none (Graph hashtag media): never invented
 * @param likes the count as sent, placeholders included; {@link #likesHidden} decides whether it is one
 * @param raw the upstream node verbatim
 */
public record PostFacts(
        String nativeId,
        String url,
        Author author,
        String caption,
        MediaType mediaType,
        Instant publishedAt,
        Long likes,
        boolean likesHidden,
        Long comments,
        Long views,
        JsonNode raw) {

    /**
     * Instagram hides like counts behind placeholders: -1, or 3 together with {@code like_and_view_counts_disabled}.
     * A 3 without the flag is three real likes.
     */
    public static boolean hiddenLikes(Long likes, boolean disabledFlag) {
        return disabledFlag || (likes != null && likes < 0);
    }

    public static String permalink(String shortcode) {
        return "https://www.instagram.com/p/" + shortcode + "/";
    }
}
