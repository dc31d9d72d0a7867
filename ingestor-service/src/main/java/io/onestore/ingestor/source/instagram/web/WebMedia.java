package io.onestore.ingestor.source.instagram.web;

import static io.onestore.ingestor.source.instagram.JsonFields.optBoolean;
import static io.onestore.ingestor.source.instagram.JsonFields.optLong;
import static io.onestore.ingestor.source.instagram.JsonFields.optText;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.instagram.JsonFields;

/**
 * A media item of the web tag endpoint ({@code sections[].layout_content.medias[].media}).
 *
 * @param mediaType 1 photo, 2 video, 8 carousel
 * @param likesDisabled {@code like_and_view_counts_disabled}: {@code like_count} is then a placeholder (3)
 * @param views {@code play_count}, else {@code view_count}; videos only
 * @param raw the media object verbatim
 */
public record WebMedia(
        String pk,
        String code,
        Long takenAt,
        int mediaType,
        Long likeCount,
        boolean likesDisabled,
        Long commentCount,
        Long views,
        String caption,
        String userPk,
        String username,
        String fullName,
        Boolean verified,
        JsonNode raw) {

    public static WebMedia from(JsonNode media) {
        JsonNode user = media.path("user");
        Long views = optLong(media.path("play_count"));
        return new WebMedia(
                JsonFields.requiredText(media, "pk"),
                JsonFields.requiredText(media, "code"),
                optLong(media.path("taken_at")),
                media.path("media_type").asInt(1),
                optLong(media.path("like_count")),
                Boolean.TRUE.equals(optBoolean(media.path("like_and_view_counts_disabled"))),
                optLong(media.path("comment_count")),
                views != null ? views : optLong(media.path("view_count")),
                optText(media.path("caption").path("text")),
                optText(user.path("pk")),
                optText(user.path("username")),
                optText(user.path("full_name")),
                optBoolean(user.path("is_verified")),
                media);
    }
}
