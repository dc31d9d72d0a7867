package io.onestore.ingestor.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.ObjectBuilder;
import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which posts of one platform the store may hold, known without a round trip. Bluesky's stream is mostly likes,
 * reposts and deletions of posts nobody here stored; asking Elasticsearch about each batch of them (an {@code mget})
 * bounded how fast the stream was read. This is a Bloom filter of the ids of every stored post of the platform: its
 * "no" is certain (the event is about a post we do not hold: no round trip), its "maybe" is asked of Elasticsearch as
 * before.
 *
 * <p>Complete by construction: the write path itself reports every post it sends ({@link #sending}, called by the
 * indexer before each post write leaves for Elasticsearch: a first send, a retry, a re-merge, a replay of the spool),
 * whoever captured it, so no writer has to remember to. Those ids are kept from the start, and {@link #load} reads the
 * ids already stored (the posts alias in pages, a point in time and {@code search_after}, only {@code _id}s) and adds
 * those kept, so no post stored before, during or after the load is missed. Before the send rather than at the
 * answer: a write in flight may already be stored, and "no" must stay certain. Until a load succeeded every post
 * "may" be held (the old cost, never a wrong answer); a failed load is tried again after {@link #RETRY}.
 *
 * <p>Bounded: sized at the load for twice the posts found (at least {@link #MIN_EXPECTED}, at most {@link
 * #MAX_EXPECTED} ids) at 1% false positives, about 1.2 MB per million ids. Deleted posts stay in it (a Bloom filter
 * cannot forget): they cost a read when liked, as every post did. Past its size the false positives grow (more reads),
 * the misses do not.
 */
public final class HeldPosts {

    static final long MIN_EXPECTED = 1_000_000;
    static final long MAX_EXPECTED = 50_000_000;
    static final Duration RETRY = Duration.ofMinutes(1);
    private static final double FALSE_POSITIVES = 0.01;
    private static final int PAGE = 10_000;
    private static final Time KEEP_ALIVE = Time.of(t -> t.time("2m"));
    private static final Logger log = LoggerFactory.getLogger(HeldPosts.class);

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Platform platform;
    private final Clock clock;
    private final String idPrefix;

    // Guarded by this.
    private BloomFilter<CharSequence> filter;
    /**
     * Ids added until a load succeeded, for its filter: a load reads only what is stored when it reads, and a write
     * sent before may land after. Few: only matched posts are written, and only while Elasticsearch answers.
     */
    private final List<String> addedBeforeLoaded = new ArrayList<>();

    private Instant retryAt = Instant.MIN;

    public HeldPosts(ElasticsearchClient client, IndexNames names, Platform platform, Clock clock) {
        this.client = client;
        this.names = names;
        this.platform = platform;
        this.clock = clock;
        this.idPrefix = platform.key() + ":";
    }

    /**
     * A post write about to be sent (its document id, {@code bluesky:at://…}); ids of other platforms are ignored.
     * Called by the indexer's write path, before the write leaves.
     */
    synchronized void sending(String postId) {
        if (!postId.startsWith(idPrefix)) {
            return;
        }
        if (filter != null) {
            filter.put(postId);
        } else {
            addedBeforeLoaded.add(postId);
        }
    }

    /** False only when the store certainly does not hold this post; true until {@link #load} succeeded. */
    public synchronized boolean mayHold(String postId) {
        return filter == null || filter.mightContain(postId);
    }

    /** Whether a load succeeded: until then every post may be held. */
    public synchronized boolean loaded() {
        return filter != null;
    }

    /**
     * Reads the ids of the stored posts, once: a no-op when loaded, and within {@link #RETRY} of a failed load.
     * Blocks while it reads (about a second per hundred thousand posts). Not concurrently with itself.
     *
     * @return whether the filter is loaded now
     */
    public boolean load() {
        synchronized (this) {
            if (filter != null || clock.instant().isBefore(retryAt)) {
                return filter != null;
            }
        }
        try {
            BloomFilter<CharSequence> read = read();
            synchronized (this) {
                addedBeforeLoaded.forEach(read::put);
                addedBeforeLoaded.clear();
                filter = read;
                return true;
            }
        } catch (IOException | ElasticsearchException e) {
            log.warn(
                    "Cannot read which {} posts are stored ({}); every event about a post asks Elasticsearch until"
                            + " read, tried again in {}",
                    platform.key(),
                    e.toString(),
                    RETRY);
            synchronized (this) {
                retryAt = clock.instant().plus(RETRY);
            }
            return false;
        }
    }

    private BloomFilter<CharSequence> read() throws IOException {
        long stored = client.count(c -> c.index(names.posts()).query(this::ofPlatform))
                .count();
        long expected = Math.min(MAX_EXPECTED, Math.max(MIN_EXPECTED, 2 * stored));
        BloomFilter<CharSequence> read =
                BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), expected, FALSE_POSITIVES);
        String pit = client.openPointInTime(o -> o.index(names.posts()).keepAlive(KEEP_ALIVE))
                .id();
        try {
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> from = after;
                List<Hit<Void>> hits = client.search(
                                s -> {
                                    s.pit(p -> p.id(pit).keepAlive(KEEP_ALIVE))
                                            .size(PAGE)
                                            .source(src -> src.fetch(false))
                                            .query(this::ofPlatform)
                                            .sort(o -> o.field(f -> f.field("_shard_doc")));
                                    return from == null ? s : s.searchAfter(from);
                                },
                                Void.class)
                        .hits()
                        .hits();
                if (hits.isEmpty()) {
                    log.info("{} stored {} posts known for the stream", stored, platform.key());
                    return read;
                }
                hits.forEach(hit -> read.put(hit.id()));
                after = hits.get(hits.size() - 1).sort();
            }
        } finally {
            client.closePointInTime(c -> c.id(pit));
        }
    }

    private ObjectBuilder<Query> ofPlatform(Query.Builder q) {
        return q.term(t -> t.field("platform").value(platform.key()));
    }
}
