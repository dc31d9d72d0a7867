package io.onestore.query;

import io.onestore.model.document.Author;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.Sentiment;
import io.onestore.model.metric.Engagement;
import java.time.Instant;
import java.util.List;

/** Builds posts for fixed datasets the way the ingestor writes them (engagement derived, hidden likes absent). */
public final class Posts {

    private Platform platform = Platform.INSTAGRAM;
    private final String nativeId;
    private Author author;
    private String caption;
    private List<String> hashtags = List.of();
    private Instant publishedAt;
    private Long likes;
    private Long comments;
    private Long shares;
    private boolean likesHidden;
    private Sentiment sentiment;

    private Posts(String nativeId) {
        this.nativeId = nativeId;
    }

    public static Posts post(String nativeId) {
        return new Posts(nativeId);
    }

    public Posts platform(Platform platform) {
        this.platform = platform;
        return this;
    }

    public Posts author(String id, String username) {
        this.author = Author.of(id, username);
        return this;
    }

    public Posts author(String id, String username, Long followers) {
        this.author = new Author(id, username, null, followers, null);
        return this;
    }

    public Posts caption(String caption) {
        this.caption = caption;
        return this;
    }

    public Posts tags(String... hashtags) {
        this.hashtags = List.of(hashtags);
        return this;
    }

    public Posts at(String instant) {
        this.publishedAt = Instant.parse(instant);
        return this;
    }

    public Posts likes(long likes) {
        this.likes = likes;
        return this;
    }

    public Posts hiddenLikes() {
        this.likes = null;
        this.likesHidden = true;
        return this;
    }

    public Posts comments(long comments) {
        this.comments = comments;
        return this;
    }

    /** Reposts on Bluesky, as the stream counts them onto a post it read from creation. */
    public Posts shares(long shares) {
        this.shares = shares;
        return this;
    }

    public Posts sentiment(double compound) {
        this.sentiment = Sentiment.of(compound);
        return this;
    }

    public PostDocument build() {
        return new PostDocument(
                platform,
                nativeId,
                "https://example.test/p/" + nativeId,
                author,
                caption,
                hashtags,
                List.of(),
                hashtags,
                MediaType.PHOTO,
                publishedAt,
                publishedAt,
                publishedAt,
                likes,
                comments,
                null,
                shares,
                likesHidden,
                Engagement.of(likes, comments, shares, likesHidden),
                sentiment,
                "test",
                null);
    }
}
