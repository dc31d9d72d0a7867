package io.onestore.ingestor.source.bluesky;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Jetstream event: {@code {"did", "time_us", "kind", "commit": {"operation", "collection", "rkey", "record",
 * "cid"}}}. Commits to {@code app.bsky.feed.post} are posts; creates of {@code app.bsky.feed.like} and
 * {@code app.bsky.feed.repost} (whose record names the post in {@code subject.uri}) are engagement; identity and account
 * events only move the cursor.
 *
 * @param timeUs the event's position in the stream (microseconds since the epoch): the cursor to resume after it
 * @param operation {@code create}, {@code update} or {@code delete}; null for events that are not commits
 * @param record the post record of a create or update ({@code text}, {@code facets}, {@code createdAt}, …)
 * @param raw the event verbatim
 */
public record JetstreamEvent(
        String did,
        long timeUs,
        String kind,
        String operation,
        String collection,
        String rkey,
        JsonNode record,
        JsonNode raw) {

    public static final String POST = "app.bsky.feed.post";
    public static final String LIKE = "app.bsky.feed.like";
    public static final String REPOST = "app.bsky.feed.repost";

    /** The event from its JSON; null when it has no {@code time_us} (nothing to resume from, nothing to trust). */
    public static JetstreamEvent of(JsonNode json) {
        if (json == null || !json.path("time_us").canConvertToLong()) {
            return null;
        }
        JsonNode commit = json.path("commit");
        return new JetstreamEvent(
                json.path("did").asText(null),
                json.path("time_us").asLong(),
                json.path("kind").asText(null),
                commit.path("operation").asText(null),
                commit.path("collection").asText(null),
                commit.path("rkey").asText(null),
                commit.path("record").isObject() ? commit.path("record") : null,
                json);
    }

    public boolean isPostCreate() {
        return POST.equals(collection) && record != null && ("create".equals(operation) || "update".equals(operation));
    }

    public boolean isPostDelete() {
        return POST.equals(collection) && "delete".equals(operation);
    }

    /** A new like or repost of a post: its {@link #subjectUri()} names the post. */
    public boolean isEngagement() {
        return (LIKE.equals(collection) || REPOST.equals(collection))
                && "create".equals(operation)
                && subjectUri() != null;
    }

    public boolean isRepost() {
        return REPOST.equals(collection);
    }

    /** The post a like or repost is of ({@code at://…/app.bsky.feed.post/…}); null for anything else. */
    public String subjectUri() {
        if (record == null) {
            return null;
        }
        String uri = record.path("subject").path("uri").asText(null);
        return uri != null && uri.startsWith("at://") && uri.contains("/" + POST + "/") ? uri : null;
    }

    /** {@code at://did:plc:…/app.bsky.feed.post/3l3qo2vuowo2b}: the post's id across the network. */
    public String uri() {
        return "at://" + did + "/" + collection + "/" + rkey;
    }
}
