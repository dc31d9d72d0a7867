package io.onestore.ingestor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.source.instagram.ProfileUser;
import io.onestore.ingestor.source.instagram.legacy.LegacyTagPage;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.Sentiment;
import io.onestore.model.sentiment.VaderSentimentScorer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegacyNormalizerTest {

    static final Instant CAPTURED = Instant.parse("2025-11-26T12:00:00Z");

    final CaptureAssembler assembler = new CaptureAssembler(new VaderSentimentScorer());
    final LegacyTagNormalizer tags = new LegacyTagNormalizer(assembler);
    final ProfileUserNormalizer profiles = new ProfileUserNormalizer(assembler);

    CaptureBatch nike() {
        LegacyTagPage page = LegacyTagPage.from(Fixtures.json("legacy/tag-nike.json"));
        return tags.normalize(Target.hashtag("nike"), List.of(page), CAPTURED);
    }

    static PostDocument post(CaptureBatch batch, String nativeId) {
        return batch.posts().stream()
                .filter(p -> p.nativeId().equals(nativeId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void photoBecomesAPostWithEveryDerivedField() {
        PostDocument photo = post(nike(), "3141592653589793001");

        assertThat(photo.id()).isEqualTo("instagram:3141592653589793001");
        assertThat(photo.url()).isEqualTo("https://www.instagram.com/p/CxPhoto001/");
        assertThat(photo.mediaType()).isEqualTo(MediaType.PHOTO);
        assertThat(photo.publishedAt()).isEqualTo(Instant.ofEpochSecond(1764150000));
        assertThat(photo.likes()).isEqualTo(1200L);
        assertThat(photo.comments()).isEqualTo(42L);
        assertThat(photo.views()).isNull();
        assertThat(photo.likesHidden()).isFalse();
        assertThat(photo.engagement()).isEqualTo(1242L);
        assertThat(photo.hashtags()).containsExactly("nike", "justdoit");
        assertThat(photo.mentions()).containsExactly("adidas_originals");
        assertThat(photo.foundInTags()).containsExactly("nike");
        assertThat(photo.author().id()).isEqualTo("25025320");
        assertThat(photo.author().username()).isNull();
        assertThat(photo.sentiment().label()).isEqualTo(Sentiment.Label.POSITIVE);
        assertThat(photo.firstSeenAt()).isEqualTo(CAPTURED);
        assertThat(photo.lastSeenAt()).isEqualTo(CAPTURED);
        assertThat(photo.source()).isEqualTo("instagram-legacy");
        assertThat(photo.raw().path("shortcode").asText()).isEqualTo("CxPhoto001");
        assertThat(photo.raw().path("edge_liked_by").path("count").asLong()).isEqualTo(1200L);
    }

    @Test
    void aPostInTopAndRecentIsOneDocumentAndABadNodeADeadLetter() {
        CaptureBatch batch = nike();

        assertThat(batch.posts())
                .extracting(PostDocument::nativeId)
                .doesNotHaveDuplicates()
                .hasSize(5);
        assertThat(batch.metrics()).hasSize(5);
        assertThat(batch.metrics())
                .extracting(m -> m.postId())
                .containsExactlyElementsOf(
                        batch.posts().stream().map(PostDocument::id).toList());
        assertThat(batch.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.stage()).isEqualTo("parse");
            assertThat(dead.raw().path("owner").path("id").asText()).isEqualTo("8899001122");
        });
        assertThat(batch.tagSnapshot().mediaCount()).isEqualTo(112473562L);
        assertThat(batch.tagSnapshot().postsSeen()).isEqualTo(5);
        assertThat(batch.tagSnapshot().tag()).isEqualTo("nike");
        assertThat(batch.profileSnapshot()).isNull();
    }

    @Test
    void videoKeepsItsViewsOutOfEngagement() {
        PostDocument video = post(nike(), "3141592653589793002");

        assertThat(video.mediaType()).isEqualTo(MediaType.VIDEO);
        assertThat(video.views()).isEqualTo(5120L);
        assertThat(video.engagement()).isEqualTo(317L);
    }

    @Test
    void hiddenLikesOfACarouselAreAbsentAndNeverSummed() {
        CaptureBatch batch = nike();
        PostDocument carousel = post(batch, "3141592653589793003");

        assertThat(carousel.mediaType()).isEqualTo(MediaType.CAROUSEL);
        assertThat(carousel.likes()).isNull();
        assertThat(carousel.likesHidden()).isTrue();
        assertThat(carousel.engagement()).isEqualTo(15L);
        assertThat(batch.metrics().stream().filter(m -> m.nativeId().equals("3141592653589793003")))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.likes()).isNull();
                    assertThat(m.likesHidden()).isTrue();
                    assertThat(m.engagement()).isEqualTo(15L);
                });
    }

    @Test
    void missingCaptionHasNoSentimentButKeepsTheFeedTag() {
        PostDocument noCaption = post(nike(), "3141592653589793004");

        assertThat(noCaption.caption()).isNull();
        assertThat(noCaption.sentiment()).isNull();
        assertThat(noCaption.hashtags()).containsExactly("nike");
        assertThat(noCaption.mentions()).isEmpty();
        // Three likes without the like-count-disabled flag are three real likes.
        assertThat(noCaption.likes()).isEqualTo(3L);
        assertThat(noCaption.likesHidden()).isFalse();
    }

    @Test
    void unicodeHashtagsAreNormalisedToOneFormEach() {
        PostDocument unicode = post(nike(), "3141592653589793005");

        assertThat(unicode.hashtags()).containsExactly("東京", "café", "übercool", "nike");
    }

    @Test
    void pagesOfOneCaptureMergeIntoOneBatch() {
        LegacyTagPage first = LegacyTagPage.from(Fixtures.json("legacy/tag-nike.json"));
        LegacyTagPage second = LegacyTagPage.from(Fixtures.json("legacy/tag-nike-page2.json"));

        CaptureBatch batch = tags.normalize(Target.hashtag("nike"), List.of(first, second), CAPTURED);

        assertThat(first.endCursor()).isEqualTo("QVFCX2V4YW1wbGVfY3Vyc29yX3BhZ2VfMg==");
        assertThat(batch.posts()).hasSize(6);
        assertThat(batch.tagSnapshot().postsSeen()).isEqualTo(6);
    }

    @Test
    void emptyTagIsASnapshotWithoutPosts() {
        LegacyTagPage page = LegacyTagPage.from(Fixtures.json("legacy/tag-empty.json"));

        CaptureBatch batch = tags.normalize(Target.hashtag("onestoreemptytag"), List.of(page), CAPTURED);

        assertThat(page.endCursor()).isNull();
        assertThat(batch.posts()).isEmpty();
        assertThat(batch.metrics()).isEmpty();
        assertThat(batch.tagSnapshot().mediaCount()).isZero();
        assertThat(batch.tagSnapshot().postsSeen()).isZero();
    }

    @Test
    void profileIsASnapshotWithoutMediaEdgesAndPostsByTheProfile() {
        ProfileUser user = ProfileUser.from(
                Fixtures.json("legacy/profile-nike.json").path("graphql").path("user"));

        CaptureBatch batch = profiles.normalize(Target.profile("nike"), user, CAPTURED, "instagram-legacy");

        var snapshot = batch.profileSnapshot();
        assertThat(snapshot.username()).isEqualTo("nike");
        assertThat(snapshot.followers()).isEqualTo(301234567L);
        assertThat(snapshot.following()).isEqualTo(160L);
        assertThat(snapshot.mediaCount()).isEqualTo(1200L);
        assertThat(snapshot.verified()).isTrue();
        assertThat(snapshot.isPrivate()).isFalse();
        assertThat(snapshot.capturedAt()).isEqualTo(CAPTURED);
        assertThat(snapshot.raw().has("edge_owner_to_timeline_media")).isFalse();
        assertThat(snapshot.raw().has("edge_felix_video_timeline")).isFalse();
        assertThat(snapshot.raw().path("edge_followed_by").path("count").asLong())
                .isEqualTo(301234567L);
        assertThat(batch.tagSnapshot()).isNull();
        assertThat(batch.posts()).hasSize(2).allSatisfy(p -> {
            assertThat(p.author().username()).isEqualTo("nike");
            assertThat(p.author().followers()).isEqualTo(301234567L);
            assertThat(p.foundInTags()).isEmpty();
        });
        PostDocument hidden = post(batch, "3141592653589794002");
        assertThat(hidden.likes()).isNull();
        assertThat(hidden.likesHidden()).isTrue();
        assertThat(hidden.engagement()).isEqualTo(1800L);
    }

    @Test
    void privateProfileIsASnapshotWithNoPosts() {
        ProfileUser user = ProfileUser.from(
                Fixtures.json("legacy/profile-private.json").path("graphql").path("user"));

        CaptureBatch batch = profiles.normalize(Target.profile("jane.q"), user, CAPTURED, "instagram-legacy");

        assertThat(batch.profileSnapshot().isPrivate()).isTrue();
        assertThat(batch.profileSnapshot().followers()).isEqualTo(412L);
        assertThat(batch.profileSnapshot().mediaCount()).isEqualTo(87L);
        assertThat(batch.posts()).isEmpty();
        assertThat(batch.deadLetters()).isEmpty();
    }
}
