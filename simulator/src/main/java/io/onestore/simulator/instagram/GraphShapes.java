package io.onestore.simulator.instagram;

import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Engagement;
import io.onestore.simulator.world.MediaKind;
import io.onestore.simulator.world.Metrics;
import io.onestore.simulator.world.Post;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Media and users as the Graph API returns them: only the requested fields, in the order requested. */
final class GraphShapes {

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);

    private GraphShapes() {}

    /**
     * A media object. Hashtag edges pass {@code withAuthor = false}: Meta strips who posted them, so {@code username}
     * and {@code owner} are never returned there. A hidden like count is simply absent, as upstream.
     */
    static Map<String, Object> media(Post post, GraphFields fields, long now, boolean withAuthor) {
        Metrics metrics = Engagement.at(post, now);
        Map<String, Object> media = Json.object();
        List<GraphFields.Field> requested =
                fields.fields().isEmpty() ? List.of(new GraphFields.Field("id", Map.of(), null)) : fields.fields();
        for (GraphFields.Field field : requested) {
            switch (field.name()) {
                case "id" -> media.put("id", String.valueOf(post.igId()));
                case "caption" -> {
                    if (post.caption() != null) {
                        media.put("caption", post.caption());
                    }
                }
                case "comments_count" -> media.put("comments_count", metrics.comments());
                case "like_count" -> {
                    if (!post.likesHidden()) {
                        media.put("like_count", metrics.likes());
                    }
                }
                case "media_type" -> media.put("media_type", post.kind().graphName());
                case "media_product_type" ->
                    media.put("media_product_type", post.kind() == MediaKind.VIDEO ? "REELS" : "FEED");
                case "media_url" -> media.put("media_url", InstagramShapes.mediaUrl(post, 0));
                case "permalink" -> media.put("permalink", "https://www.instagram.com/p/" + post.shortcode() + "/");
                case "timestamp" -> media.put("timestamp", TIMESTAMP.format(Instant.ofEpochSecond(post.takenAt())));
                case "children" -> {
                    if (post.kind() == MediaKind.CAROUSEL) {
                        List<Object> children = new ArrayList<>();
                        for (int i = 0; i < post.carouselSize(); i++) {
                            children.add(Json.object("id", post.igId() + "" + i));
                        }
                        media.put("children", Json.object("data", children));
                    }
                }
                case "username" -> {
                    if (withAuthor) {
                        media.put("username", post.author().username());
                    }
                }
                case "owner" -> {
                    if (withAuthor) {
                        media.put("owner", Json.object("id", post.author().igId()));
                    }
                }
                case "video_views", "view_count" -> {
                    if (post.kind() == MediaKind.VIDEO) {
                        media.put(field.name(), metrics.views());
                    }
                }
                default -> {} // unknown fields are ignored here; upstream would reject some of them
            }
        }
        return media;
    }

    /** The {@code business_discovery} object for the requested fields; its {@code media} edge pages by limit. */
    static Map<String, Object> businessDiscovery(
            Author author, long mediaCount, List<Post> posts, GraphFields fields, long now) {
        Map<String, Object> result = Json.object();
        for (GraphFields.Field field : fields.fields()) {
            switch (field.name()) {
                case "id" -> result.put("id", author.igId());
                case "ig_id" -> result.put("ig_id", Long.parseLong(author.igId()));
                case "username" -> result.put("username", author.username());
                case "name" -> result.put("name", author.fullName());
                case "biography" -> result.put("biography", author.biography());
                case "followers_count" -> result.put("followers_count", author.followers());
                case "follows_count" -> result.put("follows_count", author.following());
                case "media_count" -> result.put("media_count", mediaCount);
                case "profile_picture_url" -> result.put("profile_picture_url", author.profilePicUrl());
                case "website" -> result.put("website", "https://www." + author.username() + ".com/");
                case "media" -> {
                    int limit = parseLimit(field.modifiers().get("limit"), 25);
                    Cursors.Page page = Cursors.page(posts, field.modifiers().get("after"), limit);
                    List<Object> data = page.items().stream()
                            .<Object>map(p -> media(p, field.children(), now, true))
                            .toList();
                    Map<String, Object> cursors = Json.object();
                    if (!page.items().isEmpty()) {
                        cursors.put("before", Cursors.encode(page.items().get(0)));
                        cursors.put(
                                "after",
                                Cursors.encode(page.items().get(page.items().size() - 1)));
                    }
                    Map<String, Object> media = Json.object("data", data);
                    if (page.next() != null) {
                        media.put("paging", Json.object("cursors", cursors));
                    }
                    result.put("media", media);
                }
                default -> {}
            }
        }
        return result;
    }

    static int parseLimit(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(1, Math.min(50, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
