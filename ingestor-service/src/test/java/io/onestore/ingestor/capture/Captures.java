package io.onestore.ingestor.capture;

import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Author;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.PostMetricsDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.document.Sentiment;
import io.onestore.model.document.TagSnapshotDocument;
import io.onestore.model.json.ContractJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Captures as the fetching side hands them over, built by hand: the writing side's tests need no upstream. */
public final class Captures {

    private Captures() {}

    /** A tag feed with the given posts; every post's likes are {@code likes}. */
    public static CaptureBatch hashtag(String tag, Instant at, List<String> nativeIds, long likes) {
        List<PostDocument> posts =
                nativeIds.stream().map(id -> post(id, tag, at, likes)).toList();
        List<PostMetricsDocument> metrics = posts.stream()
                .map(post -> new PostMetricsDocument(
                        post.id(),
                        Platform.INSTAGRAM,
                        post.nativeId(),
                        post.author().id(),
                        post.hashtags(),
                        post.publishedAt(),
                        at,
                        post.likes(),
                        post.comments(),
                        null,
                        null,
                        false,
                        post.engagement(),
                        null))
                .toList();
        TagSnapshotDocument snapshot =
                new TagSnapshotDocument(Platform.INSTAGRAM, tag, 1000L + likes, posts.size(), at, "instagram-web");
        return new CaptureBatch(Target.hashtag(tag), at, posts, metrics, snapshot, null, List.of());
    }

    public static CaptureBatch profile(String handle, Instant at) {
        ProfileSnapshotDocument snapshot = new ProfileSnapshotDocument(
                Platform.INSTAGRAM,
                "id-" + handle,
                handle,
                "The " + handle,
                500L,
                20L,
                12L,
                false,
                false,
                at,
                "instagram-web",
                ContractJson.mapper().createObjectNode().put("username", handle));
        return new CaptureBatch(Target.profile(handle), at, List.of(), List.of(), null, snapshot, List.of());
    }

    public static PostDocument post(String nativeId, String tag, Instant at, long likes) {
        return new PostDocument(
                Platform.INSTAGRAM,
                nativeId,
                "https://www.instagram.com/p/" + nativeId + "/",
                Author.of("u-" + nativeId, "author_" + nativeId),
                "Post " + nativeId + " #" + tag,
                List.of(tag),
                List.of(),
                List.of(tag),
                MediaType.PHOTO,
                at.minus(Duration.ofHours(1)),
                at,
                at,
                likes,
                2L,
                null,
                null,
                false,
                likes + 2,
                Sentiment.of(0.0),
                "instagram-web",
                ContractJson.mapper().createObjectNode().put("id", nativeId).put("like_count", likes));
    }
}
