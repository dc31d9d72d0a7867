package io.onestore.ingestor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.sentiment.VaderSentimentScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorded Research API videos into posts: ids, counts (zero kept as zero), hashtags, a missing description, region. */
class TikTokNormalizerTest {

    static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");
    static final Target VANS = new Target(TargetDocument.Kind.HASHTAG, "vans", Platform.TIKTOK);

    final TikTokVideoNormalizer normalizer = new TikTokVideoNormalizer(new VaderSentimentScorer());

    CaptureBatch batch(Target target, JsonNode user) {
        List<JsonNode> videos = new ArrayList<>();
        Fixtures.parse(Fixtures.read("tiktok/video-query-vans.json"))
                .at("/data/videos")
                .forEach(videos::add);
        return normalizer.normalize(target, videos, user, AT);
    }

    @Test
    void aVideoBecomesAPostWithTheSharedEngagementFields() {
        PostDocument post = batch(VANS, null).posts().get(0);

        assertThat(post.id()).isEqualTo("tiktok:7441234567890123456");
        assertThat(post.platform()).isEqualTo(Platform.TIKTOK);
        assertThat(post.url()).isEqualTo("https://www.tiktok.com/@skater_jo/video/7441234567890123456");
        assertThat(post.author().id()).isEqualTo("skater_jo");
        assertThat(post.author().username()).isEqualTo("skater_jo");
        assertThat(post.caption()).isEqualTo("Fresh checkerboard drop 🔥 #vans #skate with @skatecrew");
        assertThat(post.publishedAt()).isEqualTo(Instant.ofEpochSecond(1764500400));
        assertThat(post.mediaType()).isEqualTo(MediaType.VIDEO);
        assertThat(post.likes()).isEqualTo(3902);
        assertThat(post.comments()).isEqualTo(87);
        assertThat(post.shares()).isEqualTo(31);
        assertThat(post.views()).isEqualTo(48210);
        assertThat(post.likesHidden()).isFalse();
        assertThat(post.engagement()).isEqualTo(3902 + 87 + 31);
        assertThat(post.mentions()).containsExactly("skatecrew");
        assertThat(post.sentiment()).isNotNull();
        assertThat(post.source()).isEqualTo("tiktok-research");
        assertThat(post.firstSeenAt()).isEqualTo(AT);
    }

    @Test
    void theHashtagListTheDescriptionsTagsAndTheFeedAreTheHashtagsNormalised() {
        PostDocument post = batch(VANS, null).posts().get(0);

        assertThat(post.hashtags()).containsExactly("vans", "skate", "offthewall");
        assertThat(post.foundInTags()).containsExactly("vans");
    }

    @Test
    void theRegionAndTheOtherFieldsStayInRaw() {
        PostDocument post = batch(VANS, null).posts().get(0);

        assertThat(post.raw().path("region_code").asText()).isEqualTo("US");
        assertThat(post.raw().path("music_id").asLong()).isEqualTo(7001234567890123456L);
        assertThat(post.raw().path("video_duration").asInt()).isEqualTo(17);
    }

    @Test
    void aVideoWithZeroViewsAndNoDescriptionKeepsItsZerosAndHasNoCaption() {
        PostDocument quiet = batch(VANS, null).posts().get(1);

        assertThat(quiet.caption()).isNull();
        assertThat(quiet.sentiment()).isNull();
        assertThat(quiet.views()).isZero();
        assertThat(quiet.likes()).isZero();
        assertThat(quiet.comments()).isZero();
        assertThat(quiet.shares()).isZero();
        assertThat(quiet.engagement()).isZero();
        assertThat(quiet.hashtags()).containsExactly("vans");
        assertThat(quiet.author().username()).isEqualTo("quietposter");
        assertThat(quiet.raw().path("region_code").asText()).isEqualTo("GB");
    }

    @Test
    void aVideoWithoutIdOrTimeIsADeadLetterAndTheTagSnapshotCountsTheRest() {
        CaptureBatch batch = batch(VANS, null);

        assertThat(batch.posts()).hasSize(2);
        assertThat(batch.metrics()).hasSize(2);
        assertThat(batch.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.platform()).isEqualTo(Platform.TIKTOK);
            assertThat(letter.errorType()).isEqualTo("unreadable_node");
            assertThat(letter.raw().path("username").asText()).isEqualTo("broken");
        });
        assertThat(batch.tagSnapshot().platform()).isEqualTo(Platform.TIKTOK);
        assertThat(batch.tagSnapshot().tag()).isEqualTo("vans");
        assertThat(batch.tagSnapshot().mediaCount()).isNull();
        assertThat(batch.tagSnapshot().postsSeen()).isEqualTo(2);
        assertThat(batch.profileSnapshot()).isNull();
    }

    @Test
    void aProfileTargetGetsAProfileSnapshotFromUserInfo() {
        Target jo = new Target(TargetDocument.Kind.PROFILE, "skater_jo", Platform.TIKTOK);
        JsonNode user =
                Fixtures.parse(Fixtures.read("tiktok/user-info-skater_jo.json")).path("data");

        CaptureBatch batch = batch(jo, user);

        ProfileSnapshotDocument profile = batch.profileSnapshot();
        assertThat(profile.platform()).isEqualTo(Platform.TIKTOK);
        assertThat(profile.username()).isEqualTo("skater_jo");
        assertThat(profile.fullName()).isEqualTo("Jo Skates");
        assertThat(profile.followers()).isEqualTo(15230);
        assertThat(profile.following()).isEqualTo(311);
        assertThat(profile.mediaCount()).isEqualTo(288);
        assertThat(profile.verified()).isFalse();
        assertThat(batch.tagSnapshot()).isNull();
        assertThat(batch.posts().get(0).foundInTags()).isEmpty();
        assertThat(batch.posts().get(0).hashtags()).containsExactly("vans", "skate", "offthewall");
    }
}
