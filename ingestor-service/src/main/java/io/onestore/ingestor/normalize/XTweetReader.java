package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.x.XClient;
import io.onestore.model.document.Author;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.metric.Engagement;
import io.onestore.model.sentiment.SentimentScorer;
import io.onestore.model.text.Hashtags;
import io.onestore.model.text.Mentions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One X tweet as a post. The engagement mapping (docs/ingestor-sources.md): {@code like_count} → likes,
 * {@code reply_count} → comments, {@code retweet_count + quote_count} → shares (reposts and quotes both pass the post
 * on), {@code impression_count} → views; X never hides likes. The author comes from {@code includes.users}; when X
 * could not send it (a deleted or suspended account) the post keeps the bare {@code author_id}, nothing invented.
 */
final class XTweetReader {

    private final SentimentScorer sentiment;

    XTweetReader(SentimentScorer sentiment) {
        this.sentiment = sentiment;
    }

    /** Empty for a retweet, and for a tweet without a readable id or time (the caller dead-letters that). */
    Optional<PostDocument> read(JsonNode tweet, Map<String, JsonNode> users, String tag, Instant capturedAt) {
        String id = tweet.path("id").asText("");
        Instant publishedAt = instant(tweet.path("created_at").asText(""));
        if (isRetweet(tweet) || id.isBlank() || publishedAt == null) {
            return Optional.empty();
        }
        String text = tweet.path("text").asText("");
        Author author = author(tweet.path("author_id").asText(null), users);
        JsonNode metrics = tweet.path("public_metrics");
        Long likes = count(metrics, "like_count");
        Long replies = count(metrics, "reply_count");
        Long shares = sum(count(metrics, "retweet_count"), count(metrics, "quote_count"));
        Set<String> hashtags = new LinkedHashSet<>();
        tweet.path("entities")
                .path("hashtags")
                .forEach(h -> Hashtags.normalize(h.path("tag").asText("")).ifPresent(hashtags::add));
        hashtags.addAll(Hashtags.extract(text));
        hashtags.add(tag);
        Set<String> mentions = new LinkedHashSet<>();
        tweet.path("entities")
                .path("mentions")
                .forEach(m -> Mentions.normalize(m.path("username").asText("")).ifPresent(mentions::add));
        mentions.addAll(Mentions.extract(text));
        return Optional.of(new PostDocument(
                Platform.X,
                id,
                "https://x.com/" + (author.username() != null ? author.username() : "i/web") + "/status/" + id,
                author,
                text,
                List.copyOf(hashtags),
                List.copyOf(mentions),
                List.of(tag),
                MediaType.TEXT,
                publishedAt,
                capturedAt,
                capturedAt,
                likes,
                replies,
                count(metrics, "impression_count"),
                shares,
                false,
                Engagement.of(likes, replies, shares, false),
                sentiment.score(text).orElse(null),
                XClient.SOURCE,
                tweet));
    }

    static boolean isRetweet(JsonNode tweet) {
        for (JsonNode reference : tweet.path("referenced_tweets")) {
            if ("retweeted".equals(reference.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Author author(String authorId, Map<String, JsonNode> users) {
        JsonNode user = authorId == null ? null : users.get(authorId);
        if (user == null) {
            return new Author(authorId, null, null, null, null);
        }
        return new Author(
                authorId,
                user.path("username").asText(null),
                user.path("name").asText(null),
                count(user.path("public_metrics"), "followers_count"),
                user.has("verified") ? user.path("verified").asBoolean() : null);
    }

    static Long count(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        return value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : null;
    }

    private static Long sum(Long a, Long b) {
        return a == null && b == null ? null : (a == null ? 0 : a) + (b == null ? 0 : b);
    }

    private static Instant instant(String text) {
        try {
            return text.isBlank() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
