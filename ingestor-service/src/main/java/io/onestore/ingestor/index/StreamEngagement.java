package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostMetricsDocument;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Likes and reposts counted from Bluesky's stream for the posts we hold, as post metrics history: for each post liked
 * or reposted in a batch, one {@code onestore-post-metrics} document with the counts so far ({@code likes}, reposts
 * as {@code shares}, {@code engagement} their sum) and {@code stream_through_us}, the stream position they are
 * complete up to.
 *
 * <p>The same counts go onto the post document ({@link #writePosts}) when they are the post's whole count: for a post
 * whose creation the live stream read (stored with {@code likes} 0, {@code shares} 0). A back-filled post is stored
 * without counts and keeps none: the likes it had before the stream joined were never seen, so the stream's count is
 * only a lower bound, kept in its metrics history and not shown as the post's engagement (docs/open-networks.md).
 *
 * <p>Exactly once across replays: an event is counted only when its {@code time_us} is after the post's
 * {@code stream_through_us}, and that position is written in the same document as the counts, so a restart or a
 * reconnect that replays events (the cursor overlap, a batch whose cursor was not stored before a {@code kill -9})
 * counts none of them twice, whether or not the cursor write happened. A post's tally is read once from its newest
 * metrics document and then kept in memory (the least recently liked forgotten beyond {@link #MAX_POSTS}); a like of a
 * post {@link HeldPosts} knows we do not hold is dropped without a read.
 *
 * <p>What is not counted: likes and reposts before the stream first read the post's creation (a back-filled post's
 * earlier likes come on the back-fill connection, which reads posts only), undone likes (Jetstream's delete event of a
 * like carries no subject, so the post it was for is unknown), and events lost in a recorded {@code api_window} gap.
 */
public final class StreamEngagement {

    /** Tallies kept in memory: about 200 bytes each, so tens of megabytes at most. */
    static final int MAX_POSTS = 100_000;

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final HeldPosts held;
    private final Map<String, Tally> tallies = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
            return size() > MAX_POSTS;
        }
    };

    /**
     * A post's counts so far.
     *
     * @param onPost whether the post document carries them: its creation was read by the live stream
     */
    private record Tally(PostMetricsDocument metrics, boolean onPost) {}

    /** @param held which Bluesky posts may be stored: likes of the others are dropped without a read */
    public StreamEngagement(ElasticsearchClient client, IndexNames names, HeldPosts held) {
        this.client = client;
        this.names = names;
        this.held = held;
    }

    /**
     * Counts a batch's likes and reposts of posts we hold (call it after the batch's posts were flushed, so a post
     * liked in the batch that created it is found). The tallies in memory do not move until {@link #written} says
     * Elasticsearch acknowledged the documents: a batch whose writes were not acknowledged is read again and counted
     * again from the same tallies.
     *
     * @param throughUs the {@code time_us} of the batch's last event: every event up to it has been seen
     * @return one metrics document per post whose counts moved, captured at {@code capturedAt}
     * @throws IOException when Elasticsearch cannot be read: nothing is counted, the batch is to be read again
     */
    public synchronized List<PostMetricsDocument> count(List<JetstreamEvent> batch, long throughUs, Instant capturedAt)
            throws IOException {
        Map<String, List<JetstreamEvent>> bySubject = new LinkedHashMap<>();
        for (JetstreamEvent event : batch) {
            if (event.isEngagement()) {
                String postId = DocumentIds.post(Platform.BLUESKY, event.subjectUri());
                // Most likes on the network are of posts nobody here stored: those cost no read.
                if (tallies.containsKey(postId) || held.mayHold(postId)) {
                    bySubject.computeIfAbsent(postId, id -> new ArrayList<>()).add(event);
                }
            }
        }
        if (bySubject.isEmpty()) {
            return List.of();
        }
        load(bySubject.keySet(), capturedAt);
        List<PostMetricsDocument> moved = new ArrayList<>();
        bySubject.forEach((postId, events) -> {
            Tally held = tallies.get(postId);
            if (held == null) {
                return; // not a post we hold
            }
            PostMetricsDocument tally = held.metrics();
            long through = tally.streamThroughUs() == null ? Long.MIN_VALUE : tally.streamThroughUs();
            long likes = tally.likes() == null ? 0 : tally.likes();
            long reposts = tally.shares() == null ? 0 : tally.shares();
            boolean counted = false;
            for (JetstreamEvent event : events) {
                if (event.timeUs() > through) {
                    counted = true;
                    if (event.isRepost()) {
                        reposts++;
                    } else {
                        likes++;
                    }
                }
            }
            if (counted) {
                moved.add(metrics(tally, likes, reposts, capturedAt, Math.max(through, throughUs)));
            }
        });
        return moved;
    }

    /**
     * Writes the counts {@link #count} returned onto the post documents that carry the stream's counts (created while
     * the live stream read), before the metrics are written: should the metrics then fail, the batch is counted again
     * from the same tallies to the same absolute counts, and a restart after it reads the tallies from the older
     * metrics and counts the replayed events again, so the post is never left behind its newest metrics. A partial
     * update without upsert: a post deleted meanwhile is not brought back (Elasticsearch answers 404, nothing to do).
     *
     * @throws IOException when Elasticsearch did not acknowledge every update: the batch is to be read again
     */
    public void writePosts(List<PostMetricsDocument> metrics) throws IOException {
        List<BulkOperation> updates = new ArrayList<>();
        synchronized (this) {
            for (PostMetricsDocument m : metrics) {
                Tally tally = tallies.get(m.postId());
                if (tally != null && tally.onPost()) {
                    ObjectNode counts = JsonNodeFactory.instance.objectNode();
                    counts.put("likes", m.likes());
                    counts.put("shares", m.shares());
                    counts.put("engagement", m.engagement());
                    updates.add(BulkOperation.of(b -> b.update(u -> u.index(names.posts())
                            .id(m.postId())
                            .requireAlias(true)
                            .retryOnConflict(3)
                            .<JsonNode, JsonNode>action(a -> a.doc(counts)))));
                }
            }
        }
        if (updates.isEmpty()) {
            return;
        }
        BulkResponse answer = client.bulk(b -> b.operations(updates));
        for (BulkResponseItem item : answer.items()) {
            if (item.error() != null && item.status() != 404) {
                throw new IOException("cannot write the counts of post " + item.id() + ": "
                        + item.error().type());
            }
        }
    }

    /** The documents {@link #count} returned were acknowledged by Elasticsearch: they are the tallies now. */
    public synchronized void written(List<PostMetricsDocument> metrics) {
        metrics.forEach(m -> {
            Tally before = tallies.get(m.postId());
            if (before != null) { // else forgotten meanwhile: read again when next liked
                tallies.put(m.postId(), new Tally(m, before.onPost()));
            }
        });
    }

    /** Forgets deleted posts, whose metrics documents {@link PostDeletions} removes. */
    public synchronized void forget(Collection<String> postIds) {
        postIds.forEach(tallies::remove);
    }

    /** Reads the tallies of the posts not in memory: whether we hold each, and its newest stream-counted metrics. */
    private void load(Set<String> postIds, Instant capturedAt) throws IOException {
        List<String> unknown =
                postIds.stream().filter(id -> !tallies.containsKey(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        Map<String, Tally> stored = new LinkedHashMap<>();
        var posts = client.mget(
                m -> m.index(names.posts())
                        .ids(unknown)
                        .sourceIncludes("native_id", "author.id", "hashtags", "published_at", "likes"),
                ObjectNode.class);
        for (MultiGetResponseItem<ObjectNode> item : posts.docs()) {
            if (item.isFailure()) {
                throw new IOException("cannot read post " + item.failure().id() + ": "
                        + item.failure().error().type());
            }
            if (item.result().found() && item.result().source() != null) {
                JsonNode post = item.result().source();
                stored.put(
                        item.result().id(),
                        new Tally(fromPost(item.result().id(), post, capturedAt), post.hasNonNull("likes")));
            }
        }
        if (stored.isEmpty()) {
            return;
        }
        // Rare (a restart, a tally forgotten): a refresh first, so the newest counts written are searchable.
        client.indices().refresh(r -> r.index(names.postMetrics()));
        List<FieldValue> ids = stored.keySet().stream().map(FieldValue::of).toList();
        var newest = client.search(
                s -> s.index(names.postMetrics())
                        .size(stored.size())
                        .query(q -> q.bool(b -> b.filter(
                                        f -> f.terms(t -> t.field("post_id").terms(v -> v.value(ids))))
                                .filter(f -> f.exists(e -> e.field("stream_through_us")))))
                        .collapse(c -> c.field("post_id"))
                        .sort(o -> o.field(f -> f.field("stream_through_us").order(SortOrder.Desc))),
                PostMetricsDocument.class);
        newest.hits()
                .hits()
                .forEach(hit -> stored.computeIfPresent(
                        hit.source().postId(), (id, post) -> new Tally(hit.source(), post.onPost())));
        tallies.putAll(stored);
    }

    private static PostMetricsDocument fromPost(String postId, JsonNode post, Instant capturedAt) {
        List<String> hashtags = new ArrayList<>();
        post.path("hashtags").forEach(tag -> hashtags.add(tag.asText()));
        String published = post.path("published_at").asText(null);
        return new PostMetricsDocument(
                postId,
                Platform.BLUESKY,
                post.path("native_id").asText(null),
                post.path("author").path("id").asText(null),
                hashtags,
                published == null ? null : Instant.parse(published),
                capturedAt,
                0L,
                null,
                null,
                0L,
                false,
                0L,
                null);
    }

    private static PostMetricsDocument metrics(
            PostMetricsDocument tally, long likes, long reposts, Instant capturedAt, long throughUs) {
        return new PostMetricsDocument(
                tally.postId(),
                Platform.BLUESKY,
                tally.nativeId(),
                tally.authorId(),
                tally.hashtags(),
                tally.publishedAt(),
                capturedAt,
                likes,
                null,
                null,
                reposts,
                false,
                likes + reposts,
                throughUs);
    }
}
