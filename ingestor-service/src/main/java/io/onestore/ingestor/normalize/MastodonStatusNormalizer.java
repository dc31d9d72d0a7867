package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.mastodon.MastodonNormalizer;
import io.onestore.ingestor.capture.mastodon.MastodonTargetFetcher;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Author;
import io.onestore.model.document.DeadLetterDocument;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.TagSnapshotDocument;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mastodon {@code Status} entities into posts. The post's id is its {@code uri}, the ActivityPub id every server
 * knows it by, so a post read through several servers is one document; the author is {@code user@home-server}
 * (a local account's {@code acct} has no server part, a remote one's has). Favourites are likes, replies comments,
 * boosts shares. A hashtag timeline holds no boosts, but a boost seen anyway stands for the post it boosts.
 */
public final class MastodonStatusNormalizer implements MastodonNormalizer {

    private final OpenPostAssembler assembler;

    public MastodonStatusNormalizer(OpenPostAssembler assembler) {
        this.assembler = assembler;
    }

    @Override
    public CaptureBatch normalize(Target target, List<JsonNode> statuses, Instant capturedAt) {
        List<PostDocument> posts = new ArrayList<>();
        List<DeadLetterDocument> unreadable = new ArrayList<>();
        for (JsonNode node : statuses) {
            JsonNode status = node.path("reblog").isObject() ? node.path("reblog") : node;
            OpenPost post = read(status);
            if (post == null) {
                unreadable.add(new DeadLetterDocument(
                        capturedAt,
                        "parse",
                        "unreadable_node",
                        "Mastodon status without uri or created_at",
                        null,
                        target.id(),
                        Platform.MASTODON,
                        MastodonTargetFetcher.SOURCE,
                        node));
            } else {
                posts.add(assembler.post(post, List.of(target.value()), capturedAt, MastodonTargetFetcher.SOURCE));
            }
        }
        TagSnapshotDocument snapshot = new TagSnapshotDocument(
                Platform.MASTODON, target.value(), null, posts.size(), capturedAt, MastodonTargetFetcher.SOURCE);
        return new CaptureBatch(
                target, capturedAt, posts, OpenPostAssembler.metrics(posts, capturedAt), snapshot, null, unreadable);
    }

    static OpenPost read(JsonNode status) {
        String uri = text(status, "uri");
        Instant published = instant(text(status, "created_at"));
        if (uri == null || published == null) {
            return null;
        }
        String html = text(status, "content");
        String warning = text(status, "spoiler_text");
        String body = StatusHtml.text(html);
        String caption = warning == null ? body : body == null ? warning : warning + "\n\n" + body;
        List<String> tags = new ArrayList<>();
        status.path("tags").forEach(t -> tags.add(t.path("name").asText("")));
        List<String> mentions = new ArrayList<>();
        status.path("mentions").forEach(m -> {
            String acct = text(m, "acct");
            if (acct != null) {
                mentions.add(acct.toLowerCase(Locale.ROOT));
            }
        });
        String url = text(status, "url");
        return new OpenPost(
                Platform.MASTODON,
                uri,
                url != null ? url : uri,
                author(status.path("account")),
                caption,
                tags,
                mentions,
                mediaType(status.path("media_attachments")),
                published,
                count(status, "favourites_count"),
                count(status, "replies_count"),
                count(status, "reblogs_count"),
                status);
    }

    private static Author author(JsonNode account) {
        if (!account.isObject()) {
            return null;
        }
        String acct = text(account, "acct");
        String home = host(text(account, "url"));
        String handle = acct == null || acct.contains("@") || home == null ? acct : acct + "@" + home;
        String id = text(account, "url") != null ? text(account, "url") : handle;
        if (id == null) {
            return null;
        }
        return new Author(
                id,
                handle == null ? null : handle.toLowerCase(Locale.ROOT),
                text(account, "display_name"),
                count(account, "followers_count"),
                null);
    }

    private static MediaType mediaType(JsonNode attachments) {
        if (!attachments.isArray() || attachments.isEmpty()) {
            return MediaType.TEXT;
        }
        if (attachments.size() > 1) {
            return MediaType.CAROUSEL;
        }
        String type = attachments.get(0).path("type").asText("");
        return type.equals("video") || type.equals("gifv") ? MediaType.VIDEO : MediaType.PHOTO;
    }

    private static String host(String url) {
        try {
            return url == null ? null : URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static Long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.canConvertToLong() && value.isNumber() ? value.asLong() : null;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
