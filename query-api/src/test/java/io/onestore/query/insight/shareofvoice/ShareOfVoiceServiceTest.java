package io.onestore.query.insight.shareofvoice;

import static io.onestore.query.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.query.ContractIndices;
import io.onestore.query.TestProperties;
import io.onestore.query.request.TimeWindow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two days, three brands. 10-01: [nike] a1 10, [nike, adidas] a2 20, [adidas] a2 30; 10-02: [nike] a1 40, [puma]
 * without author 50. A post with two of the tags counts for both.
 */
class ShareOfVoiceServiceTest {

    static final List<String> BRANDS = List.of("nike", "adidas", "puma");
    static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-03T00:00:00Z"));

    static ContractIndices es;
    static ShareOfVoiceService service;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(ShareOfVoiceServiceTest.class);
        service = new ShareOfVoiceService(es.client(), es.names(), TestProperties.defaults());
        es.posts(List.of(
                post("1")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-01T08:00:00Z")
                        .likes(10)
                        .build(),
                post("2")
                        .tags("nike", "adidas")
                        .author("a2", "bob")
                        .at("2026-10-01T09:00:00Z")
                        .likes(20)
                        .build(),
                post("3")
                        .tags("adidas")
                        .author("a2", "bob")
                        .at("2026-10-01T10:00:00Z")
                        .likes(30)
                        .build(),
                post("4")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-02T08:00:00Z")
                        .likes(40)
                        .build(),
                post("5").tags("puma").at("2026-10-02T09:00:00Z").likes(50).build(),
                post("6")
                        .tags("nike")
                        .author("a1", "ann")
                        .at("2026-10-03T00:00:00Z")
                        .likes(60)
                        .build(),
                post("7")
                        .tags("reebok")
                        .author("a3", "cid")
                        .at("2026-10-01T08:00:00Z")
                        .likes(70)
                        .build()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void postsShareAndPerDay() throws Exception {
        ShareOfVoice sov = service.compute(BRANDS, WINDOW, VoiceMetric.POSTS);

        assertThat(sov.hashtags())
                .containsExactly(
                        new ShareOfVoice.Voice("nike", 3, 3 / 6.0),
                        new ShareOfVoice.Voice("adidas", 2, 2 / 6.0),
                        new ShareOfVoice.Voice("puma", 1, 1 / 6.0));
        assertThat(sov.days())
                .containsExactly(
                        new ShareOfVoice.Day(
                                Instant.parse("2026-10-01T00:00:00Z"),
                                List.of(
                                        new ShareOfVoice.Voice("nike", 2, 0.5),
                                        new ShareOfVoice.Voice("adidas", 2, 0.5),
                                        new ShareOfVoice.Voice("puma", 0, 0.0))),
                        new ShareOfVoice.Day(
                                Instant.parse("2026-10-02T00:00:00Z"),
                                List.of(
                                        new ShareOfVoice.Voice("nike", 1, 0.5),
                                        new ShareOfVoice.Voice("adidas", 0, 0.0),
                                        new ShareOfVoice.Voice("puma", 1, 0.5))));
    }

    @Test
    void engagementShare() throws Exception {
        assertThat(service.compute(BRANDS, WINDOW, VoiceMetric.ENGAGEMENT).hashtags())
                .containsExactly(
                        new ShareOfVoice.Voice("nike", 70, 70 / 170.0),
                        new ShareOfVoice.Voice("adidas", 50, 50 / 170.0),
                        new ShareOfVoice.Voice("puma", 50, 50 / 170.0));
    }

    @Test
    void authorsShareLeavesOutPostsWithoutAuthor() throws Exception {
        assertThat(service.compute(BRANDS, WINDOW, VoiceMetric.AUTHORS).hashtags())
                .containsExactly(
                        new ShareOfVoice.Voice("nike", 2, 2 / 3.0),
                        new ShareOfVoice.Voice("adidas", 1, 1 / 3.0),
                        new ShareOfVoice.Voice("puma", 0, 0.0));
    }

    @Test
    void noVoiceAtAllHasNoShares() throws Exception {
        assertThat(service.compute(List.of("asics"), WINDOW, VoiceMetric.POSTS).hashtags())
                .containsExactly(new ShareOfVoice.Voice("asics", 0, null));
    }
}
