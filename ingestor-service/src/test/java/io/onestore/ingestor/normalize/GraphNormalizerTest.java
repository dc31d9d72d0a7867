package io.onestore.ingestor.normalize;

import static io.onestore.ingestor.normalize.LegacyNormalizerTest.CAPTURED;
import static io.onestore.ingestor.normalize.LegacyNormalizerTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.source.instagram.graph.GraphBusinessProfile;
import io.onestore.ingestor.source.instagram.graph.GraphMediaPage;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.PostDocument;
import io.onestore.model.sentiment.VaderSentimentScorer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphNormalizerTest {

    final CaptureAssembler assembler = new CaptureAssembler(new VaderSentimentScorer());
    final GraphHashtagNormalizer hashtags = new GraphHashtagNormalizer(assembler);
    final GraphProfileNormalizer profiles = new GraphProfileNormalizer(assembler);

    CaptureBatch nike() {
        return hashtags.normalize(
                Target.hashtag("nike"),
                List.of(GraphMediaPage.from(Fixtures.json("graph/top-media.json"))),
                List.of(
                        GraphMediaPage.from(Fixtures.json("graph/recent-media-page1.json")),
                        GraphMediaPage.from(Fixtures.json("graph/recent-media-page2.json"))),
                CAPTURED);
    }

    @Test
    void hashtagMediaHaveNoAuthorAndTheTagNoMediaCount() {
        CaptureBatch batch = nike();

        assertThat(batch.posts()).allSatisfy(p -> assertThat(p.author()).isNull());
        assertThat(batch.metrics()).allSatisfy(m -> assertThat(m.authorId()).isNull());
        assertThat(batch.tagSnapshot().mediaCount()).isNull();
        assertThat(batch.tagSnapshot().source()).isEqualTo("instagram-graph");
    }

    @Test
    void topAndRecentOverlapIsOnePost() {
        CaptureBatch batch = nike();

        assertThat(batch.posts())
                .extracting(PostDocument::nativeId)
                .doesNotHaveDuplicates()
                .hasSize(6);
        assertThat(batch.tagSnapshot().postsSeen()).isEqualTo(6);
        assertThat(batch.deadLetters()).singleElement().satisfies(dead -> assertThat(
                        dead.raw().path("caption").asText())
                .isEqualTo("a node without id"));
    }

    @Test
    void photoVideoCarouselFromGraphMediaTypes() {
        CaptureBatch batch = nike();

        PostDocument photo = post(batch, "17900000000000101");
        assertThat(photo.mediaType()).isEqualTo(MediaType.PHOTO);
        assertThat(photo.url()).isEqualTo("https://www.instagram.com/p/GrPhoto101/");
        assertThat(photo.publishedAt()).isEqualTo(Instant.parse("2025-11-26T09:40:00Z"));
        assertThat(photo.likes()).isEqualTo(1200L);
        assertThat(photo.engagement()).isEqualTo(1242L);
        assertThat(photo.hashtags()).containsExactly("nike", "justdoit");
        assertThat(post(batch, "17900000000000102").mediaType()).isEqualTo(MediaType.VIDEO);
        assertThat(post(batch, "17900000000000103").mediaType()).isEqualTo(MediaType.CAROUSEL);
    }

    @Test
    void anOmittedLikeCountMeansHiddenLikes() {
        PostDocument carousel = post(nike(), "17900000000000103");

        assertThat(carousel.likes()).isNull();
        assertThat(carousel.likesHidden()).isTrue();
        assertThat(carousel.engagement()).isEqualTo(15L);
    }

    @Test
    void missingCaptionAndUnicodeHashtags() {
        CaptureBatch batch = nike();

        PostDocument noCaption = post(batch, "17900000000000104");
        assertThat(noCaption.caption()).isNull();
        assertThat(noCaption.sentiment()).isNull();
        assertThat(noCaption.hashtags()).containsExactly("nike");
        assertThat(noCaption.likes()).isEqualTo(3L);
        assertThat(post(batch, "17900000000000105").hashtags()).containsExactly("東京", "café", "übercool", "nike");
    }

    @Test
    void emptyHashtag() {
        CaptureBatch batch = hashtags.normalize(
                Target.hashtag("onestoreemptytag"),
                List.of(GraphMediaPage.from(Fixtures.json("graph/empty-media.json"))),
                List.of(GraphMediaPage.from(Fixtures.json("graph/empty-media.json"))),
                CAPTURED);

        assertThat(batch.posts()).isEmpty();
        assertThat(batch.tagSnapshot().postsSeen()).isZero();
        assertThat(batch.tagSnapshot().mediaCount()).isNull();
    }

    @Test
    void businessDiscoveryIsASnapshotAndPostsByTheDiscoveredAccount() {
        GraphBusinessProfile profile = GraphBusinessProfile.from(Fixtures.json("graph/business-discovery-nike.json"));

        CaptureBatch batch = profiles.normalize(Target.profile("nike"), profile, CAPTURED);

        assertThat(batch.profileSnapshot().followers()).isEqualTo(301234567L);
        assertThat(batch.profileSnapshot().following()).isEqualTo(160L);
        assertThat(batch.profileSnapshot().mediaCount()).isEqualTo(1200L);
        assertThat(batch.profileSnapshot().raw().has("media")).isFalse();
        assertThat(batch.posts())
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.author().username()).isEqualTo("nike"));
        assertThat(post(batch, "17900000000000302").likesHidden()).isTrue();
    }
}
