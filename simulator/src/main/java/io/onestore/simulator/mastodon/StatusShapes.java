package io.onestore.simulator.mastodon;

import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Engagement;
import io.onestore.simulator.world.MediaKind;
import io.onestore.simulator.world.Metrics;
import io.onestore.simulator.world.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mastodon's {@code Status} and {@code Account} entities for the world's posts, as a server named {@link #HOST} serves
 * them: the caption as the sanitised HTML Mastodon renders (paragraphs, {@code <br />}, hashtag links), favourites,
 * boosts and replies from the post's engagement at the simulated now.
 */
public final class StatusShapes {

    public static final String HOST = "mastodon.onestore.test";
    private static final Pattern HASHTAG = Pattern.compile("(?<!&)#([\\p{L}\\p{N}_]+)");

    private StatusShapes() {}

    /** The status's ActivityPub id, the same on every server that knows it. */
    public static String uri(Post post) {
        return "https://" + HOST + "/users/" + post.author().username() + "/statuses/" + post.mastodonId();
    }

    public static Map<String, Object> status(Post post, long now) {
        Metrics m = Engagement.at(post, now);
        String id = String.valueOf(post.mastodonId());
        return Json.object(
                "id",
                id,
                "created_at",
                Instant.ofEpochSecond(post.takenAt()).toString().replace("Z", ".000Z"),
                "in_reply_to_id",
                null,
                "in_reply_to_account_id",
                null,
                "sensitive",
                false,
                "spoiler_text",
                "",
                "visibility",
                "public",
                "language",
                "en",
                "uri",
                uri(post),
                "url",
                "https://" + HOST + "/@" + post.author().username() + "/" + id,
                "replies_count",
                m.comments(),
                "reblogs_count",
                m.shares(),
                "favourites_count",
                m.likes(),
                "edited_at",
                null,
                "content",
                html(post.caption()),
                "reblog",
                null,
                "application",
                Json.object("name", "Web", "website", null),
                "account",
                account(post.author()),
                "media_attachments",
                media(post),
                "mentions",
                List.of(),
                "tags",
                post.tags().stream()
                        .map(t -> Json.object("name", t, "url", "https://" + HOST + "/tags/" + t))
                        .toList(),
                "emojis",
                List.of(),
                "card",
                null,
                "poll",
                null);
    }

    static Map<String, Object> account(Author author) {
        return Json.object(
                "id", String.valueOf(100_000 + author.index()),
                "username", author.username(),
                "acct", author.username(),
                "display_name", author.fullName(),
                "locked", false,
                "bot", false,
                "discoverable", true,
                "group", false,
                "created_at", "2022-11-05T00:00:00.000Z",
                "note", "<p>" + escape(author.biography() == null ? "" : author.biography()) + "</p>",
                "url", "https://" + HOST + "/@" + author.username(),
                "uri", "https://" + HOST + "/users/" + author.username(),
                "followers_count", author.followers(),
                "following_count", author.following(),
                "statuses_count", author.earlierPosts(),
                "emojis", List.of(),
                "fields", List.of());
    }

    private static List<Object> media(Post post) {
        int count = post.kind() == MediaKind.CAROUSEL ? Math.max(2, post.carouselSize()) : 1;
        String type = post.kind() == MediaKind.VIDEO ? "video" : "image";
        List<Object> media = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String url = "https://files." + HOST + "/media_attachments/" + post.mastodonId() + "_" + i;
            media.add(Json.object(
                    "id",
                    post.mastodonId() + "" + i,
                    "type",
                    type,
                    "url",
                    url + (type.equals("video") ? ".mp4" : ".jpg"),
                    "preview_url",
                    url + "_small.jpg",
                    "remote_url",
                    null,
                    "description",
                    null,
                    "blurhash",
                    "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH"));
        }
        return media;
    }

    /** The caption as Mastodon renders it: escaped, tags linked, lines broken, one paragraph. */
    static String html(String caption) {
        if (caption == null || caption.isEmpty()) {
            return "";
        }
        String escaped = escape(caption);
        Matcher m = HASHTAG.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String tag = m.group(1);
            m.appendReplacement(
                    out,
                    Matcher.quoteReplacement("<a href=\"https://" + HOST + "/tags/" + tag.toLowerCase(Locale.ROOT)
                            + "\" class=\"mention hashtag\" rel=\"tag\">#<span>" + tag + "</span></a>"));
        }
        m.appendTail(out);
        return "<p>" + out.toString().replace("\n", "<br />") + "</p>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
