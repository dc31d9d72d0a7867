package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.bluesky.BlueskyNormalizer;
import io.onestore.ingestor.capture.bluesky.StreamMatcher;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Author;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.TargetDocument;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Jetstream post events into posts. The id is the record's {@code at://} URI; the author is the DID (the stream
 * carries no handle, and a handle can change while the DID stays). Likes and reposts are separate records, counted by
 * {@code StreamEngagement} onto the post: a post whose creation the live stream read starts at {@code likes} 0 and
 * {@code shares} 0 (every later like is seen), a back-filled one without counts (its likes before the stream joined
 * never are), and replies are not counted ({@code comments} absent, never 0). No metrics documents here (the stream's
 * counting writes them), and no tag snapshot: the stream has no count of a tag's posts.
 */
public final class BlueskyPostNormalizer implements BlueskyNormalizer {

    public static final String SOURCE = "bluesky-jetstream";

    private final OpenPostAssembler assembler;

    public BlueskyPostNormalizer(OpenPostAssembler assembler) {
        this.assembler = assembler;
    }

    @Override
    public CaptureBatch normalize(Target target, List<JetstreamEvent> events, Instant capturedAt) {
        return normalize(target, events, capturedAt, 0L);
    }

    @Override
    public CaptureBatch backfilled(Target target, List<JetstreamEvent> events, Instant capturedAt) {
        return normalize(target, events, capturedAt, null);
    }

    /** @param counted the likes and reposts a new post starts at: 0 when the stream counts from creation, else null */
    private CaptureBatch normalize(Target target, List<JetstreamEvent> events, Instant capturedAt, Long counted) {
        List<PostDocument> posts = new ArrayList<>();
        List<DeadLetterDocument> unreadable = new ArrayList<>();
        // A watched profile's post was found by its author, not in a tag's feed.
        List<String> foundIn = target.kind() == TargetDocument.Kind.HASHTAG ? List.of(target.value()) : List.of();
        for (JetstreamEvent event : events) {
            Instant published = instant(event.record().path("createdAt").asText(null));
            if (event.did() == null || event.rkey() == null || published == null) {
                unreadable.add(new DeadLetterDocument(
                        capturedAt,
                        "parse",
                        "unreadable_node",
                        "Jetstream post without did, rkey or createdAt",
                        null,
                        target.id(),
                        Platform.BLUESKY,
                        SOURCE,
                        event.raw()));
                continue;
            }
            JsonNode record = event.record();
            OpenPost post = new OpenPost(
                    Platform.BLUESKY,
                    event.uri(),
                    "https://bsky.app/profile/" + event.did() + "/post/" + event.rkey(),
                    Author.of(event.did(), null),
                    record.path("text").asText(null),
                    List.copyOf(StreamMatcher.tags(record)),
                    List.of(),
                    mediaType(record.path("embed")),
                    published,
                    counted,
                    null,
                    counted,
                    event.raw());
            posts.add(assembler.post(post, foundIn, capturedAt, SOURCE));
        }
        return new CaptureBatch(target, capturedAt, posts, List.of(), null, null, unreadable);
    }

    private static MediaType mediaType(JsonNode embed) {
        String type = embed.path("$type").asText("");
        if (type.startsWith("app.bsky.embed.video")) {
            return MediaType.VIDEO;
        }
        if (type.startsWith("app.bsky.embed.images")) {
            return embed.path("images").size() > 1 ? MediaType.CAROUSEL : MediaType.PHOTO;
        }
        return MediaType.TEXT;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
