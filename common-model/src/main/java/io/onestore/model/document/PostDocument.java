package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * One post, upserted on every capture: metrics are the latest seen, {@code firstSeenAt} is kept from the first
 * capture and {@code lastSeenAt} moves. Counts are boxed because an upstream may not send them; {@code likes} is
 * absent (never -1) when the author hides it, and {@code likesHidden} says so.
 *
 * <p>{@code engagement} is {@code likes + comments + shares} over the known ones ({@link
 * io.onestore.model.metric.Engagement}), absent (never 0) when none is known. On Bluesky the counts are the stream's
 * ({@code likes}, reposts as {@code shares}, no {@code comments}): from 0 for a post whose creation the live stream
 * read, absent for a back-filled post, whose likes before the stream joined were never seen (docs/open-networks.md).
 *
 * @param hashtags normalised tags of the caption plus every tag feed the post was found in (the tag may sit in the
 *     author's first comment, which we cannot see)
 * @param foundInTags the tag feeds the post was found in
 * @param source the upstream adapter that produced it, e.g. {@code instagram-web}
 * @param raw the upstream payload verbatim; stored, never indexed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostDocument(
        Platform platform,
        String nativeId,
        String url,
        Author author,
        String caption,
        List<String> hashtags,
        List<String> mentions,
        List<String> foundInTags,
        MediaType mediaType,
        Instant publishedAt,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Long likes,
        Long comments,
        Long views,
        Long shares,
        boolean likesHidden,
        Long engagement,
        Sentiment sentiment,
        String source,
        JsonNode raw) {

    public String id() {
        return DocumentIds.post(platform, nativeId);
    }
}
