package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.x.XNormalizer;
import io.onestore.ingestor.capture.x.XPayload;
import io.onestore.ingestor.source.x.XClient;
import io.onestore.ingestor.source.x.XSearchPage;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.document.TagSnapshotDocument;
import io.onestore.model.sentiment.SentimentScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * X answers as OneStore documents (docs/ingestor-sources.md, "X"): each tweet a post, once per capture, with
 * {@code platform} {@code x}; the tag's 7-day count a tag snapshot (when every counts page was read) and its hourly
 * counts the tag's volume series ({@link XHourlyVolume}); a user a profile snapshot. Retweets are dropped
 * (they are no posts of their own: the original's {@code retweet_count} already counts them); replies and quotes are
 * posts. A tweet X sent without a readable id or time goes to the dead letters verbatim. Pure: no I/O, no clock.
 */
public final class XPayloadNormalizer implements XNormalizer {

    private final XTweetReader tweets;

    public XPayloadNormalizer(SentimentScorer sentiment) {
        this.tweets = new XTweetReader(sentiment);
    }

    @Override
    public CaptureBatch normalize(Target target, XPayload payload, Instant capturedAt) {
        if (payload instanceof XPayload.Profile profile) {
            return new CaptureBatch(
                    target,
                    capturedAt,
                    List.of(),
                    List.of(),
                    null,
                    profile(profile.user().user(), capturedAt),
                    List.of());
        }
        XPayload.Tag tag = (XPayload.Tag) payload;
        Map<String, PostDocument> posts = new LinkedHashMap<>();
        List<DeadLetterDocument> letters = new ArrayList<>();
        for (XSearchPage page : tag.pages()) {
            for (JsonNode tweet : page.tweets()) {
                Optional<PostDocument> post = tweets.read(tweet, page.users(), target.value(), capturedAt);
                if (post.isPresent()) {
                    posts.putIfAbsent(post.get().nativeId(), post.get());
                } else if (!XTweetReader.isRetweet(tweet)) {
                    letters.add(deadLetter(tweet, capturedAt));
                }
            }
        }
        List<PostDocument> unique = List.copyOf(posts.values());
        TagSnapshotDocument snapshot = new TagSnapshotDocument(
                Platform.X,
                target.value(),
                tag.counts() == null || !tag.counts().whole()
                        ? null
                        : tag.counts().total(),
                unique.size(),
                capturedAt,
                XClient.SOURCE);
        return new CaptureBatch(
                target,
                capturedAt,
                unique,
                CaptureAssembler.metrics(unique, capturedAt),
                snapshot,
                null,
                letters,
                XHourlyVolume.of(target.value(), tag.counts(), capturedAt));
    }

    /** X's {@code public_metrics}: followers, following, tweets; absent counts stay absent. */
    static ProfileSnapshotDocument profile(JsonNode user, Instant capturedAt) {
        JsonNode metrics = user.path("public_metrics");
        return new ProfileSnapshotDocument(
                Platform.X,
                user.path("id").asText(),
                user.path("username").asText(),
                user.path("name").asText(null),
                XTweetReader.count(metrics, "followers_count"),
                XTweetReader.count(metrics, "following_count"),
                XTweetReader.count(metrics, "tweet_count"),
                user.has("verified") ? user.path("verified").asBoolean() : null,
                user.has("protected") ? user.path("protected").asBoolean() : null,
                capturedAt,
                XClient.SOURCE,
                user);
    }

    private static DeadLetterDocument deadLetter(JsonNode tweet, Instant capturedAt) {
        return new DeadLetterDocument(
                capturedAt,
                "parse",
                "unreadable_node",
                "X tweet without the fields a post needs (id, created_at)",
                null,
                null,
                Platform.X,
                XClient.SOURCE,
                tweet);
    }
}
