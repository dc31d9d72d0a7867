package io.onestore.query.search;

import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.Platform;
import io.onestore.query.ContractIndices;
import io.onestore.query.post.PostSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostSearchServiceTest {

    static ContractIndices es;
    static PostSearchService service;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(PostSearchServiceTest.class);
        service = new PostSearchService(es.client(), es.names());
        es.posts(List.of(
                post("r1")
                        .tags("run")
                        .author("a1", "ann")
                        .caption("Morning run in the park")
                        .at("2026-10-01T08:00:00Z")
                        .likes(5)
                        .build(),
                post("r2")
                        .tags("run")
                        .author("a2", "bob")
                        .caption("Evening run by the river")
                        .at("2026-10-02T08:00:00Z")
                        .likes(50)
                        .build(),
                post("r3")
                        .tags("run")
                        .author("a1", "ann")
                        .caption("Rest day")
                        .at("2026-10-03T08:00:00Z")
                        .hiddenLikes()
                        .comments(3)
                        .build(),
                post("r4")
                        .tags("run")
                        .author("a3", "cid")
                        .caption("Long run in the park")
                        .at("2026-10-04T08:00:00Z")
                        .likes(20)
                        .build(),
                post("r5")
                        .tags("run", "parkrun")
                        .author("a1", "ann")
                        .caption("park run #parkrun")
                        .at("2026-10-05T08:00:00Z")
                        .likes(1)
                        .build(),
                post("r6")
                        .tags("swim")
                        .author("a1", "ann")
                        .caption("run? no, swim in the park")
                        .at("2026-10-05T09:00:00Z")
                        .likes(1)
                        .build(),
                post("b1")
                        .platform(Platform.BLUESKY)
                        .tags("swim")
                        .author("did:plc:ann", null)
                        .caption("swim on bluesky")
                        .at("2026-10-06T08:00:00Z")
                        .build()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    static PostSearchService.Criteria criteria(List<String> tags, String author, String q, String from, String to) {
        return new PostSearchService.Criteria(
                tags, author, q, from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
    }

    static List<String> ids(PostPage page) {
        return page.posts().stream()
                .map(PostSummary::id)
                .map(id -> id.substring(id.indexOf(':') + 1))
                .toList();
    }

    @Test
    void pagesThroughAHashtagNewestFirst() throws Exception {
        var tag = criteria(List.of("run"), null, null, null, null);

        PostPage first = service.search(tag, PostSort.RECENT, 0, 2);
        assertThat(first.total()).isEqualTo(5);
        assertThat(ids(first)).containsExactly("r5", "r4");
        assertThat(ids(service.search(tag, PostSort.RECENT, 1, 2))).containsExactly("r3", "r2");
        assertThat(ids(service.search(tag, PostSort.RECENT, 2, 2))).containsExactly("r1");
        assertThat(ids(service.search(tag, PostSort.RECENT, 3, 2))).isEmpty();
    }

    @Test
    void hiddenLikesSortLastAndShowAsUnknown() throws Exception {
        PostPage page = service.search(criteria(List.of("run"), null, null, null, null), PostSort.LIKES, 0, 10);

        assertThat(ids(page)).containsExactly("r2", "r4", "r1", "r5", "r3");
        assertThat(page.posts().get(4).likes()).isNull();
        assertThat(page.posts().get(4).likesHidden()).isTrue();
    }

    @Test
    void filtersByAuthorTextAndTime() throws Exception {
        assertThat(ids(service.search(criteria(List.of(), "ann", null, null, null), PostSort.RECENT, 0, 10)))
                .containsExactly("r6", "r5", "r3", "r1");
        assertThat(ids(service.search(criteria(List.of("run"), null, "park run", null, null), PostSort.RECENT, 0, 10)))
                .containsExactly("r5", "r4", "r1");
        assertThat(ids(service.search(
                        criteria(List.of("run"), null, null, "2026-10-02T00:00:00Z", "2026-10-04T00:00:00Z"),
                        PostSort.OLDEST,
                        0,
                        10)))
                .containsExactly("r2", "r3");
    }

    @Test
    void filtersByPlatform() throws Exception {
        var swim = criteria(List.of("swim"), null, null, null, null);
        var onBluesky = new PostSearchService.Criteria(List.of("swim"), null, null, null, null, "bluesky");
        var onInstagram = new PostSearchService.Criteria(List.of("swim"), null, null, null, null, "instagram");

        assertThat(ids(service.search(swim, PostSort.RECENT, 0, 10))).containsExactly("b1", "r6");
        assertThat(ids(service.search(onBluesky, PostSort.RECENT, 0, 10))).containsExactly("b1");
        assertThat(ids(service.search(onInstagram, PostSort.RECENT, 0, 10))).containsExactly("r6");
    }
}
