package io.onestore.simulator.x;

import io.onestore.model.text.Hashtags;
import io.onestore.simulator.web.Json;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.Engagement;
import io.onestore.simulator.world.Metrics;
import io.onestore.simulator.world.Post;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tweets and users in the X API v2 shape: the default fields always, the others when asked for. */
final class TweetShapes {

    static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ISO_INSTANT;
    private static final Pattern MENTION = Pattern.compile("@([A-Za-z0-9._]+)");

    private TweetShapes() {}

    /** On X the world's post is a tweet; a post without a caption tweets its tag line. */
    static String text(Post post) {
        return post.caption() != null ? post.caption() : post.firstComment();
    }

    static String createdAt(long epochSecond) {
        return CREATED_AT
                .format(Instant.ofEpochSecond(epochSecond).plusMillis(0))
                .replace("Z", ".000Z");
    }

    static Map<String, Object> tweet(Post post, Set<String> fields, long now) {
        String id = String.valueOf(post.xId());
        String text = text(post);
        Map<String, Object> tweet = Json.object("id", id, "text", text, "edit_history_tweet_ids", List.of(id));
        if (fields.contains("author_id")) {
            tweet.put("author_id", post.author().xId());
        }
        if (fields.contains("created_at")) {
            tweet.put("created_at", createdAt(post.takenAt()));
        }
        if (fields.contains("conversation_id")) {
            tweet.put("conversation_id", id);
        }
        if (fields.contains("lang")) {
            tweet.put("lang", "en");
        }
        if (fields.contains("public_metrics")) {
            Metrics m = Engagement.at(post, now);
            tweet.put(
                    "public_metrics",
                    Json.object(
                            "retweet_count", m.shares(),
                            "reply_count", m.comments(),
                            "like_count", m.likes(),
                            "quote_count", m.shares() / 4,
                            "bookmark_count", m.likes() / 50,
                            "impression_count", Math.max(m.views(), m.likes() * 20)));
        }
        if (fields.contains("entities")) {
            tweet.put("entities", entities(text));
        }
        return tweet;
    }

    /** Offsets in code points, as X counts them. */
    private static Map<String, Object> entities(String text) {
        Map<String, Object> entities = Json.object();
        List<Object> hashtags = new ArrayList<>();
        // X offsets count code points; the tag is as written, and what is a tag is the one shared rule.
        for (Hashtags.Occurrence h : Hashtags.find(text)) {
            hashtags.add(Json.object(
                    "start", text.codePointCount(0, h.start()),
                    "end", text.codePointCount(0, h.end()),
                    "tag", h.body()));
        }
        List<Object> mentions = new ArrayList<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            mentions.add(Json.object(
                    "start", text.codePointCount(0, m.start()),
                    "end", text.codePointCount(0, m.end()),
                    "username", m.group(1)));
        }
        if (!hashtags.isEmpty()) {
            entities.put("hashtags", hashtags);
        }
        if (!mentions.isEmpty()) {
            entities.put("mentions", mentions);
        }
        return entities;
    }

    static Map<String, Object> user(Author author, Set<String> fields, long worldStart) {
        Map<String, Object> user =
                Json.object("id", author.xId(), "name", author.fullName(), "username", author.username());
        if (fields.contains("verified")) {
            user.put("verified", author.verified());
        }
        if (fields.contains("protected")) {
            user.put("protected", author.isPrivate());
        }
        if (fields.contains("description")) {
            user.put("description", author.biography());
        }
        if (fields.contains("created_at")) {
            user.put("created_at", createdAt(worldStart - 86_400L * (400 + author.index() % 2000)));
        }
        if (fields.contains("public_metrics")) {
            user.put(
                    "public_metrics",
                    Json.object(
                            "followers_count", author.followers(),
                            "following_count", author.following(),
                            "tweet_count", author.earlierPosts(),
                            "listed_count", author.followers() / 1000));
        }
        return user;
    }
}
