package io.onestore.simulator.instagram;

import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Engagement;
import io.onestore.simulator.world.MediaKind;
import io.onestore.simulator.world.Metrics;
import io.onestore.simulator.world.Post;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Posts and profiles in the legacy ({@code graphql.*}) and web ({@code api/v1}) shapes of design.md §3. */
final class InstagramShapes {

    private InstagramShapes() {}

    /** The like count as the web shapes show it: -1 or 3 when the author hid it. */
    static long shownLikes(Post post, Metrics metrics) {
        return post.likesHidden() ? post.hiddenLikeValue() : metrics.likes();
    }

    static String mediaUrl(Post post, int index) {
        return "https://scontent.cdninstagram.com/v/t51.29350-15/" + post.igId() + "_" + index + "_n.jpg";
    }

    static Map<String, Object> legacyNode(Post post, long now) {
        Metrics metrics = Engagement.at(post, now);
        long likes = shownLikes(post, metrics);
        List<Object> captionEdges =
                post.caption() == null ? List.of() : List.of(Json.object("node", Json.object("text", post.caption())));
        Map<String, Object> node = Json.object(
                "__typename", post.kind().legacyTypename(),
                "id", String.valueOf(post.igId()),
                "shortcode", post.shortcode(),
                "dimensions", Json.object("height", 1080, "width", 1080),
                "display_url", mediaUrl(post, 0),
                "edge_media_to_caption", Json.object("edges", captionEdges),
                "edge_media_to_comment", Json.object("count", metrics.comments()),
                "comments_disabled", false,
                "taken_at_timestamp", post.takenAt(),
                "edge_liked_by", Json.object("count", likes),
                "edge_media_preview_like", Json.object("count", likes),
                "like_and_view_counts_disabled", post.likesHidden(),
                "owner", Json.object("id", post.author().igId()),
                "thumbnail_src", mediaUrl(post, 0),
                "is_video", post.kind() == MediaKind.VIDEO,
                "accessibility_caption", "Photo by " + post.author().fullName());
        if (post.kind() == MediaKind.VIDEO) {
            node.put("video_view_count", metrics.views());
        }
        if (post.kind() == MediaKind.CAROUSEL) {
            List<Object> children = new ArrayList<>();
            for (int i = 0; i < post.carouselSize(); i++) {
                children.add(Json.object(
                        "node",
                        Json.object(
                                "__typename",
                                "GraphImage",
                                "id",
                                post.igId() + "" + i,
                                "display_url",
                                mediaUrl(post, i),
                                "is_video",
                                false)));
            }
            node.put("edge_sidecar_to_children", Json.object("edges", children));
        }
        return node;
    }

    static List<Object> legacyEdges(List<Post> posts, long now) {
        return posts.stream()
                .<Object>map(p -> Json.object("node", legacyNode(p, now)))
                .toList();
    }

    /** {@code graphql.user} (legacy) and {@code data.user} (web) share this object. */
    static Map<String, Object> user(Author author, long mediaCount, List<Post> recent, long now) {
        List<Post> shown = author.isPrivate() ? List.of() : recent;
        return Json.object(
                "biography", author.biography(),
                "external_url", author.brand() >= 0 ? "https://www." + author.username() + ".com/" : null,
                "edge_followed_by", Json.object("count", author.followers()),
                "edge_follow", Json.object("count", author.following()),
                "full_name", author.fullName(),
                "id", author.igId(),
                "is_business_account", author.business(),
                "is_private", author.isPrivate(),
                "is_verified", author.verified(),
                "profile_pic_url", author.profilePicUrl(),
                "username", author.username(),
                "edge_owner_to_timeline_media",
                        Json.object(
                                "count", mediaCount,
                                "page_info",
                                        Json.object(
                                                "has_next_page",
                                                !author.isPrivate() && mediaCount > shown.size(),
                                                "end_cursor",
                                                shown.isEmpty() ? null : Cursors.encode(shown.get(shown.size() - 1))),
                                "edges", legacyEdges(shown, now)));
    }

    static Map<String, Object> webMedia(Post post, long now) {
        Metrics metrics = Engagement.at(post, now);
        Author author = post.author();
        Map<String, Object> media = Json.object(
                "pk", String.valueOf(post.igId()),
                "id", post.igId() + "_" + author.igId(),
                "code", post.shortcode(),
                "taken_at", post.takenAt(),
                "media_type", post.kind().webCode(),
                "product_type",
                        switch (post.kind()) {
                            case VIDEO -> "clips";
                            case CAROUSEL -> "carousel_container";
                            case IMAGE -> "feed";
                        },
                "caption",
                        post.caption() == null
                                ? null
                                : Json.object(
                                        "pk", post.igId() + "1",
                                        "text", post.caption(),
                                        "created_at", post.takenAt()),
                "like_count", shownLikes(post, metrics),
                "comment_count", metrics.comments(),
                "like_and_view_counts_disabled", post.likesHidden(),
                "user",
                        Json.object(
                                "pk", author.igId(),
                                "username", author.username(),
                                "full_name", author.fullName(),
                                "is_private", author.isPrivate(),
                                "is_verified", author.verified(),
                                "profile_pic_url", author.profilePicUrl()),
                "image_versions2",
                        Json.object(
                                "candidates",
                                List.of(Json.object("width", 1080, "height", 1080, "url", mediaUrl(post, 0)))));
        if (post.kind() == MediaKind.VIDEO) {
            media.put("play_count", metrics.views());
            media.put("view_count", metrics.views());
        }
        if (post.kind() == MediaKind.CAROUSEL) {
            media.put("carousel_media_count", post.carouselSize());
        }
        return media;
    }
}
