package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.tiktok.TikTokNormalizer;
import io.onestore.ingestor.capture.tiktok.TikTokTargetFetcher;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Author;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.document.TagSnapshotDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.metric.Engagement;
import io.onestore.model.sentiment.SentimentScorer;
import io.onestore.model.text.Hashtags;
import io.onestore.model.text.Mentions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Research API videos into posts (docs/ingestor-tiktok.md): the id is the video id, the author its {@code username}
 * (the video query sends no user id), the caption {@code video_description}; {@code like_count}, {@code
 * comment_count}, {@code share_count} and {@code view_count} are likes, comments, shares and views, and engagement is
 * likes + comments + shares as on every platform (views are kept, not added). Hashtags are {@code hashtag_names}, the
 * description's {@code #tags} and the tag the video was found under, normalised. A count TikTok did not send is null,
 * never 0; a zero it sent is 0. Everything else ({@code region_code}, {@code music_id}, {@code video_duration}) stays
 * in {@code raw}. Pure: no I/O, no clock.
 */
public final class TikTokVideoNormalizer implements TikTokNormalizer {

    private final SentimentScorer sentiment;

    public TikTokVideoNormalizer(SentimentScorer sentiment) {
        this.sentiment = sentiment;
    }

    @Override
    public CaptureBatch normalize(Target target, List<JsonNode> videos, JsonNode user, Instant capturedAt) {
        boolean hashtag = target.kind() == TargetDocument.Kind.HASHTAG;
        List<String> foundIn = hashtag ? List.of(target.value()) : List.of();
        List<PostDocument> posts = new ArrayList<>();
        List<DeadLetterDocument> unreadable = new ArrayList<>();
        for (JsonNode video : videos) {
            PostDocument post = post(video, foundIn, capturedAt);
            if (post == null) {
                unreadable.add(new DeadLetterDocument(
                        capturedAt,
                        "parse",
                        "unreadable_node",
                        "TikTok video without id or create_time",
                        null,
                        target.id(),
                        Platform.TIKTOK,
                        TikTokTargetFetcher.SOURCE,
                        video));
            } else {
                posts.add(post);
            }
        }
        TagSnapshotDocument tag = hashtag
                ? new TagSnapshotDocument(
                        Platform.TIKTOK, target.value(), null, posts.size(), capturedAt, TikTokTargetFetcher.SOURCE)
                : null;
        ProfileSnapshotDocument profile = !hashtag && user != null ? profile(target.value(), user, capturedAt) : null;
        return new CaptureBatch(
                target, capturedAt, posts, CaptureAssembler.metrics(posts, capturedAt), tag, profile, unreadable);
    }

    private PostDocument post(JsonNode video, List<String> foundIn, Instant capturedAt) {
        JsonNode idNode = video.path("id");
        JsonNode created = video.path("create_time");
        if (!(idNode.isIntegralNumber()
                        || (idNode.isTextual() && !idNode.asText().isBlank()))
                || !created.isNumber()) {
            return null;
        }
        String id = idNode.asText();
        String username = text(video, "username");
        String handle = username == null ? null : username.toLowerCase(Locale.ROOT);
        String caption = text(video, "video_description");
        Set<String> hashtags = new LinkedHashSet<>();
        video.path("hashtag_names")
                .forEach(name -> Hashtags.normalize(name.asText("")).ifPresent(hashtags::add));
        hashtags.addAll(Hashtags.extract(caption));
        hashtags.addAll(foundIn);
        Long likes = count(video, "like_count");
        Long comments = count(video, "comment_count");
        Long shares = count(video, "share_count");
        return new PostDocument(
                Platform.TIKTOK,
                id,
                handle == null
                        ? "https://www.tiktok.com/video/" + id
                        : "https://www.tiktok.com/@" + handle + "/video/" + id,
                handle == null ? null : Author.of(handle, handle),
                caption,
                List.copyOf(hashtags),
                List.copyOf(new LinkedHashSet<>(Mentions.extract(caption))),
                foundIn,
                MediaType.VIDEO,
                Instant.ofEpochSecond(created.asLong()),
                capturedAt,
                capturedAt,
                likes,
                comments,
                count(video, "view_count"),
                shares,
                false,
                Engagement.of(likes, comments, shares, false),
                sentiment.score(caption).orElse(null),
                TikTokTargetFetcher.SOURCE,
                video);
    }

    private static ProfileSnapshotDocument profile(String username, JsonNode user, Instant capturedAt) {
        return new ProfileSnapshotDocument(
                Platform.TIKTOK,
                username,
                username,
                text(user, "display_name"),
                count(user, "follower_count"),
                count(user, "following_count"),
                count(user, "video_count"),
                user.path("is_verified").isBoolean() ? user.path("is_verified").asBoolean() : null,
                false,
                capturedAt,
                TikTokTargetFetcher.SOURCE,
                user);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static Long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? Long.valueOf(value.asLong()) : null;
    }
}
