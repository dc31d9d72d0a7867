package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.PostMetricsDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.document.TagSnapshotDocument;
import io.onestore.model.metric.Engagement;
import io.onestore.model.sentiment.SentimentScorer;
import io.onestore.model.text.Hashtags;
import io.onestore.model.text.Mentions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules every Instagram shape shares: {@link PostFacts} become posts and metrics, posts seen twice in one
 * capture (top and recent lists) become one, and unreadable nodes become dead letters. Pure: no I/O, no clock.
 */
public final class CaptureAssembler {

    /** The dead letters' {@code error_type} of an answer's row in a layout no reader knows. */
    public static final String UNKNOWN_LAYOUT = "unknown_layout";

    private final SentimentScorer sentiment;

    public CaptureAssembler(SentimentScorer sentiment) {
        this.sentiment = sentiment;
    }

    /** A hashtag feed: every post was found in {@code target}'s feed, so the tag is one of its hashtags. */
    public CaptureBatch tag(
            Target target,
            Instant capturedAt,
            String source,
            Long mediaCount,
            List<PostFacts> facts,
            List<JsonNode> unreadable) {
        List<PostDocument> posts = posts(facts, List.of(target.value()), capturedAt, source);
        TagSnapshotDocument snapshot = new TagSnapshotDocument(
                Platform.INSTAGRAM, target.value(), mediaCount, posts.size(), capturedAt, source);
        return new CaptureBatch(
                target,
                capturedAt,
                posts,
                metrics(posts, capturedAt),
                snapshot,
                null,
                deadLetters(unreadable, capturedAt, source));
    }

    /** A profile: its snapshot and the timeline posts the answer embedded (found in no tag feed). */
    public CaptureBatch profile(
            Target target,
            Instant capturedAt,
            String source,
            ProfileSnapshotDocument snapshot,
            List<PostFacts> facts,
            List<JsonNode> unreadable) {
        List<PostDocument> posts = posts(facts, List.of(), capturedAt, source);
        return new CaptureBatch(
                target,
                capturedAt,
                posts,
                metrics(posts, capturedAt),
                null,
                snapshot,
                deadLetters(unreadable, capturedAt, source));
    }

    private List<PostDocument> posts(
            List<PostFacts> facts, List<String> foundInTags, Instant capturedAt, String source) {
        Map<String, PostFacts> unique = new LinkedHashMap<>();
        facts.forEach(f -> unique.putIfAbsent(f.nativeId(), f));
        return unique.values().stream()
                .map(f -> post(f, foundInTags, capturedAt, source))
                .toList();
    }

    PostDocument post(PostFacts f, List<String> foundInTags, Instant capturedAt, String source) {
        Set<String> hashtags = new LinkedHashSet<>(Hashtags.extract(f.caption()));
        hashtags.addAll(foundInTags);
        Long likes = f.likesHidden() || f.likes() == null || f.likes() < 0 ? null : f.likes();
        return new PostDocument(
                Platform.INSTAGRAM,
                f.nativeId(),
                f.url(),
                f.author(),
                f.caption(),
                List.copyOf(hashtags),
                Mentions.extract(f.caption()),
                List.copyOf(foundInTags),
                f.mediaType(),
                f.publishedAt(),
                capturedAt,
                capturedAt,
                likes,
                f.comments(),
                f.views(),
                null,
                f.likesHidden(),
                Engagement.of(likes, f.comments(), null, f.likesHidden()),
                sentiment.score(f.caption()).orElse(null),
                source,
                f.raw());
    }

    /** One metrics document per post, at the capture time: the engagement history of every platform. */
    static List<PostMetricsDocument> metrics(List<PostDocument> posts, Instant capturedAt) {
        List<PostMetricsDocument> metrics = new ArrayList<>();
        for (PostDocument p : posts) {
            metrics.add(new PostMetricsDocument(
                    p.id(),
                    p.platform(),
                    p.nativeId(),
                    p.author() == null ? null : p.author().id(),
                    p.hashtags(),
                    p.publishedAt(),
                    capturedAt,
                    p.likes(),
                    p.comments(),
                    p.views(),
                    p.shares(),
                    p.likesHidden(),
                    p.engagement(),
                    null));
        }
        return metrics;
    }

    /**
     * The batch plus one dead letter per row of an answer in a layout no reader knows ({@code error_type}
     * {@code unknown_layout}, the row verbatim, its {@code layout_type} in the reason): its posts could not be read,
     * and the dead letters and their counter are how that shows the same day.
     */
    public static CaptureBatch withUnknownLayouts(CaptureBatch batch, List<JsonNode> sections, String source) {
        if (sections.isEmpty()) {
            return batch;
        }
        List<DeadLetterDocument> letters = new ArrayList<>(batch.deadLetters());
        for (JsonNode section : sections) {
            letters.add(new DeadLetterDocument(
                    batch.capturedAt(),
                    "parse",
                    UNKNOWN_LAYOUT,
                    "section of unknown layout '" + section.path("layout_type").asText("")
                            + "': its posts were not read",
                    null,
                    null,
                    Platform.INSTAGRAM,
                    source,
                    section));
        }
        return new CaptureBatch(
                batch.target(),
                batch.capturedAt(),
                batch.posts(),
                batch.metrics(),
                batch.tagSnapshot(),
                batch.profileSnapshot(),
                letters);
    }

    private static List<DeadLetterDocument> deadLetters(List<JsonNode> unreadable, Instant capturedAt, String source) {
        return unreadable.stream()
                .map(node -> new DeadLetterDocument(
                        capturedAt,
                        "parse",
                        "unreadable_node",
                        "upstream media node without the fields a post needs (id, shortcode)",
                        null,
                        null,
                        Platform.INSTAGRAM,
                        source,
                        node))
                .toList();
    }
}
