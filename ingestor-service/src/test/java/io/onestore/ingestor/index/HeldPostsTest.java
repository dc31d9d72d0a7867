package io.onestore.ingestor.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.onestore.ingestor.ContractIndices;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexNames;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which Bluesky posts the store may hold, against the real Elasticsearch: never "no" for a stored post, whether stored
 * before the load or written after it; "no" for almost every post never stored, which then costs the stream no read.
 */
class HeldPostsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    static ContractIndices contract;
    static ElasticsearchClient client;
    static IndexNames names;

    final TestClock clock = new TestClock(T0);

    @BeforeAll
    static void installContract() {
        contract = ContractIndices.install(HeldPostsTest.class);
        client = contract.client();
        names = contract.names();
    }

    @AfterAll
    static void close() throws IOException {
        contract.close();
    }

    @BeforeEach
    void empty() throws IOException {
        contract.counts().deleteAll(names);
    }

    @Test
    void everyStoredPostOfThePlatformIsHeldAfterTheLoadAndAlmostNoOther() throws IOException {
        List<String> stored =
                IntStream.range(0, 25).mapToObj(HeldPostsTest::bluesky).toList();
        for (String id : stored) {
            store(id, Platform.BLUESKY);
        }
        store(DocumentIds.post(Platform.INSTAGRAM, "3100000000000000001"), Platform.INSTAGRAM);
        HeldPosts held = new HeldPosts(client, names, Platform.BLUESKY, clock);

        assertThat(held.mayHold(bluesky(1000)))
                .as("before the load, any post may be held")
                .isTrue();
        assertThat(held.load()).isTrue();

        assertThat(stored).allMatch(held::mayHold);
        long unknownMaybe = IntStream.range(1000, 3000)
                .mapToObj(HeldPostsTest::bluesky)
                .filter(held::mayHold)
                .count();
        // 1% false positives by design: about 20 of 2,000 posts never stored are asked of Elasticsearch.
        assertThat(unknownMaybe).as("posts never stored that still cost a read").isLessThan(60);
    }

    @Test
    void postsWrittenBeforeOrAfterTheLoadAreHeld() throws IOException {
        HeldPosts held = new HeldPosts(client, names, Platform.BLUESKY, clock);
        // The indexer tells of a post before it sends the write: the load may not see it stored yet.
        held.sending(bluesky(1));
        assertThat(held.load()).isTrue();
        held.sending(bluesky(2));

        assertThat(held.mayHold(bluesky(1))).isTrue();
        assertThat(held.mayHold(bluesky(2))).isTrue();
        assertThat(held.load()).as("a second load is a no-op").isTrue();
        assertThat(held.mayHold(bluesky(2))).isTrue();
    }

    @Test
    void aStoreThatCannotBeReadLeavesEveryPostMaybeHeld() {
        IndexNames missing = new IndexNames("t-heldpoststest-missing-");
        HeldPosts held = new HeldPosts(client, missing, Platform.BLUESKY, clock);

        assertThat(held.load()).isFalse();
        assertThat(held.loaded()).isFalse();
        assertThat(held.mayHold(bluesky(7)))
                .as("not known: asked of Elasticsearch")
                .isTrue();
        held.sending(bluesky(8));
        assertThat(held.mayHold(bluesky(9))).isTrue();
    }

    private static String bluesky(int n) {
        return DocumentIds.post(Platform.BLUESKY, "at://did:plc:heldposts" + n + "/app.bsky.feed.post/3lheld" + n);
    }

    private static void store(String id, Platform platform) throws IOException {
        client.index(i -> i.index(names.posts())
                .id(id)
                .refresh(Refresh.True)
                .document(Map.of("platform", platform.key(), "native_id", id.substring(id.indexOf(':') + 1))));
    }
}
