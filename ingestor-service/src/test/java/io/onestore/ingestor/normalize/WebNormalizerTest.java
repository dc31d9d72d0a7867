package io.onestore.ingestor.normalize;

import static io.onestore.ingestor.normalize.LegacyNormalizerTest.CAPTURED;
import static io.onestore.ingestor.normalize.LegacyNormalizerTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.source.instagram.ProfileUser;
import io.onestore.ingestor.source.instagram.web.WebTagInfo;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.PostDocument;
import io.onestore.model.sentiment.VaderSentimentScorer;
import org.junit.jupiter.api.Test;

class WebNormalizerTest {

    final CaptureAssembler assembler = new CaptureAssembler(new VaderSentimentScorer());
    final WebTagNormalizer tags = new WebTagNormalizer(assembler);
    final ProfileUserNormalizer profiles = new ProfileUserNormalizer(assembler);

    CaptureBatch nike() {
        return tags.normalize(Target.hashtag("nike"), WebTagInfo.from(Fixtures.json("web/tag-nike.json")), CAPTURED);
    }

    @Test
    void photoFromTheTopSectionWithItsAuthor() {
        PostDocument photo = post(nike(), "3141592653589795001");

        assertThat(photo.url()).isEqualTo("https://www.instagram.com/p/DaPhoto001/");
        assertThat(photo.mediaType()).isEqualTo(MediaType.PHOTO);
        assertThat(photo.author().id()).isEqualTo("25025320");
        assertThat(photo.author().username()).isEqualTo("sneakerhead");
        assertThat(photo.likes()).isEqualTo(1200L);
        assertThat(photo.engagement()).isEqualTo(1242L);
        assertThat(photo.hashtags()).containsExactly("nike", "justdoit");
        assertThat(photo.mentions()).containsExactly("adidas");
        assertThat(photo.source()).isEqualTo("instagram-web");
        assertThat(photo.raw().path("image_versions2").isObject()).isTrue();
    }

    @Test
    void topAndRecentOverlapIsOnePostAndFillItemsCount() {
        CaptureBatch batch = nike();

        assertThat(batch.posts())
                .extracting(PostDocument::nativeId)
                .doesNotHaveDuplicates()
                .hasSize(5);
        assertThat(batch.tagSnapshot().mediaCount()).isEqualTo(112473562L);
        assertThat(batch.tagSnapshot().postsSeen()).isEqualTo(5);
        assertThat(batch.deadLetters()).singleElement().satisfies(dead -> assertThat(
                        dead.raw().path("caption").path("text").asText())
                .isEqualTo("a media without pk or code"));
    }

    @Test
    void videoUsesPlayCountAsViews() {
        PostDocument video = post(nike(), "3141592653589795002");

        assertThat(video.mediaType()).isEqualTo(MediaType.VIDEO);
        assertThat(video.views()).isEqualTo(5120L);
        assertThat(video.author().verified()).isTrue();
    }

    @Test
    void carouselWithTheLikeCountDisabledFlagHidesThePlaceholderThree() {
        PostDocument carousel = post(nike(), "3141592653589795003");

        assertThat(carousel.mediaType()).isEqualTo(MediaType.CAROUSEL);
        assertThat(carousel.likes()).isNull();
        assertThat(carousel.likesHidden()).isTrue();
        assertThat(carousel.engagement()).isEqualTo(15L);
    }

    @Test
    void nullCaptionAndUnicodeHashtags() {
        CaptureBatch batch = nike();

        PostDocument noCaption = post(batch, "3141592653589795004");
        assertThat(noCaption.caption()).isNull();
        assertThat(noCaption.sentiment()).isNull();
        assertThat(noCaption.hashtags()).containsExactly("nike");
        assertThat(noCaption.likes()).isEqualTo(3L);
        assertThat(noCaption.likesHidden()).isFalse();

        assertThat(post(batch, "3141592653589795005").hashtags()).containsExactly("東京", "café", "übercool", "nike");
    }

    @Test
    void emptyTag() {
        CaptureBatch batch = tags.normalize(
                Target.hashtag("onestoreemptytag"), WebTagInfo.from(Fixtures.json("web/tag-empty.json")), CAPTURED);

        assertThat(batch.posts()).isEmpty();
        assertThat(batch.tagSnapshot().mediaCount()).isZero();
        assertThat(batch.tagSnapshot().source()).isEqualTo("instagram-web");
    }

    @Test
    void profileAndPrivateProfile() {
        ProfileUser nike = ProfileUser.from(
                Fixtures.json("web/profile-nike.json").path("data").path("user"));
        ProfileUser jane = ProfileUser.from(
                Fixtures.json("web/profile-private.json").path("data").path("user"));

        CaptureBatch nikeBatch = profiles.normalize(Target.profile("nike"), nike, CAPTURED, "instagram-web");
        CaptureBatch janeBatch = profiles.normalize(Target.profile("jane.q"), jane, CAPTURED, "instagram-web");

        assertThat(nikeBatch.profileSnapshot().verified()).isTrue();
        assertThat(nikeBatch.profileSnapshot().raw().has("edge_owner_to_timeline_media"))
                .isFalse();
        assertThat(nikeBatch.profileSnapshot().raw().path("category_name").asText())
                .isEqualTo("Sportswear");
        assertThat(nikeBatch.posts()).singleElement().satisfies(p -> {
            assertThat(p.mediaType()).isEqualTo(MediaType.CAROUSEL);
            assertThat(p.mentions()).containsExactly("nikerunning");
            assertThat(p.author().id()).isEqualTo("13460080");
        });
        assertThat(janeBatch.profileSnapshot().isPrivate()).isTrue();
        assertThat(janeBatch.posts()).isEmpty();
    }
}
