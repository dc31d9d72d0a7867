package io.onestore.ingestor.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.capture.x.XPayload;
import io.onestore.ingestor.source.x.XCounts;
import io.onestore.ingestor.source.x.XSearchPage;
import io.onestore.ingestor.source.x.XUser;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.document.TagVolumeDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.sentiment.VaderSentimentScorer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** X answers recorded in their real shape ({@code fixtures/x/}) as posts, tag and profile snapshots. */
class XPayloadNormalizerTest {

    static final Instant CAPTURED = Instant.parse("2026-11-30T12:00:00Z");
    static final Target NIKE = new Target(TargetDocument.Kind.HASHTAG, "nike", Platform.X);

    final XPayloadNormalizer normalizer = new XPayloadNormalizer(new VaderSentimentScorer());

    CaptureBatch tag(XCounts counts, String... pages) {
        List<XSearchPage> read = java.util.Arrays.stream(pages)
                .map(p -> XSearchPage.read(Fixtures.xJson(p)))
                .toList();
        return normalizer.normalize(NIKE, new XPayload.Tag(counts, read), CAPTURED);
    }

    Map<String, PostDocument> byId(CaptureBatch batch) {
        return batch.posts().stream().collect(Collectors.toMap(PostDocument::nativeId, Function.identity()));
    }

    @Test
    void aTweetWithItsExpandedAuthorMapsEngagementAndTags() {
        PostDocument post = byId(tag(null, "search-nike-page1.json")).get("1863291745021837312");

        assertThat(post.id()).isEqualTo("x:1863291745021837312");
        assertThat(post.platform()).isEqualTo(Platform.X);
        assertThat(post.url()).isEqualTo("https://x.com/Nike/status/1863291745021837312");
        assertThat(post.author().id()).isEqualTo("415859364");
        assertThat(post.author().username()).isEqualTo("Nike");
        assertThat(post.author().followers()).isEqualTo(9_812_345L);
        assertThat(post.author().verified()).isTrue();
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2026-11-30T11:58:41Z"));
        assertThat(post.likes()).isEqualTo(230);
        assertThat(post.comments()).as("replies").isEqualTo(4);
        assertThat(post.shares()).as("reposts + quotes").isEqualTo(12 + 3);
        assertThat(post.views()).as("impressions").isEqualTo(10_450);
        assertThat(post.engagement()).isEqualTo(230 + 4 + 15);
        assertThat(post.likesHidden()).isFalse();
        assertThat(post.hashtags()).containsExactly("nike", "justdoit");
        assertThat(post.mentions()).containsExactly("nikerunning");
        assertThat(post.foundInTags()).containsExactly("nike");
        assertThat(post.mediaType()).isEqualTo(MediaType.TEXT);
        assertThat(post.source()).isEqualTo("x-api-v2");
        assertThat(post.raw().path("id").asText()).isEqualTo("1863291745021837312");
        assertThat(post.sentiment()).isNotNull();
    }

    @Test
    void aRetweetIsNoPostButRepliesQuotesAndWithheldTweetsAre() {
        CaptureBatch batch = tag(null, "search-nike-page1.json");

        assertThat(byId(batch))
                .containsOnlyKeys(
                        "1863291745021837312", "1863291655014502400", "1863291601230000128", "1863291588000000001");
        assertThat(batch.metrics()).hasSize(4);
        assertThat(batch.deadLetters())
                .as("a retweet is dropped, not dead-lettered")
                .isEmpty();
        PostDocument withheld = byId(batch).get("1863291588000000001");
        assertThat(withheld.raw().path("withheld").path("country_codes").get(0).asText())
                .isEqualTo("DE");
        assertThat(withheld.caption()).isEqualTo("Counterfeit #nike for sale here");
    }

    @Test
    void aDeletedAuthorKeepsItsIdAndNothingInvented() {
        PostDocument quote = byId(tag(null, "search-nike-page1.json")).get("1863291601230000128");

        assertThat(quote.author().id()).isEqualTo("3001");
        assertThat(quote.author().username()).isNull();
        assertThat(quote.author().followers()).isNull();
        assertThat(quote.url()).isEqualTo("https://x.com/i/web/status/1863291601230000128");
    }

    @Test
    void withoutExpansionsAuthorsAreBareAndAnUnreadableTweetIsADeadLetter() {
        CaptureBatch batch = tag(null, "search-no-expansions.json");

        assertThat(batch.posts()).hasSize(1);
        assertThat(batch.posts().get(0).author().id()).isEqualTo("415859364");
        assertThat(batch.posts().get(0).author().username()).isNull();
        assertThat(batch.posts().get(0).hashtags()).containsExactly("nike");
        assertThat(batch.deadLetters()).hasSize(1);
        assertThat(batch.deadLetters().get(0).raw().path("id").asText()).isEqualTo("1863291745021837399");
        assertThat(batch.deadLetters().get(0).platform()).isEqualTo(Platform.X);
    }

    @Test
    void theTagSnapshotCarriesTheSevenDayCountAndThePostsSeen() {
        XCounts counts = XCounts.read(Fixtures.xJson("counts-nike.json"));
        CaptureBatch batch = tag(counts, "search-nike-page1.json", "search-nike-page2.json");

        assertThat(batch.tagSnapshot().platform()).isEqualTo(Platform.X);
        assertThat(batch.tagSnapshot().tag()).isEqualTo("nike");
        assertThat(batch.tagSnapshot().mediaCount()).isEqualTo(1007);
        assertThat(batch.tagSnapshot().postsSeen()).isEqualTo(6);
        assertThat(tag(null, "search-empty.json").tagSnapshot().mediaCount())
                .as("counts not read: absent, not zero")
                .isNull();
    }

    @Test
    void everyWholeHourAndTheOpenHourBecomeOneVolumeDocumentAndThePartialFirstBucketNone() {
        XCounts counts = XCounts.read(Fixtures.xJson("counts-nike-hourly-page1.json"))
                .then(XCounts.read(Fixtures.xJson("counts-nike-hourly-page2.json")));

        CaptureBatch batch = tag(counts, "search-empty.json");

        assertThat(batch.tagVolume())
                .extracting(TagVolumeDocument::id, TagVolumeDocument::postCount, TagVolumeDocument::complete)
                .containsExactly(
                        tuple("x:tag:nike@2026-11-23T12:00:00Z", 14L, true),
                        tuple("x:tag:nike@2026-11-23T13:00:00Z", 9L, true),
                        tuple("x:tag:nike@2026-11-30T09:00:00Z", 0L, true),
                        tuple("x:tag:nike@2026-11-30T10:00:00Z", 30L, true),
                        tuple("x:tag:nike@2026-11-30T11:00:00Z", 12L, false));
        TagVolumeDocument open = batch.tagVolume().get(4);
        assertThat(open.bucketEnd()).isEqualTo(Instant.parse("2026-11-30T11:47:12Z"));
        assertThat(open.capturedAt()).isEqualTo(CAPTURED);
        assertThat(open.platform()).isEqualTo(Platform.X);
        assertThat(batch.tagVolume().get(0).bucketEnd()).isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
        assertThat(batch.tagSnapshot().mediaCount())
                .as("both pages read: the 7 days' total")
                .isEqualTo(68);
    }

    @Test
    void countsCutShortKeepTheirHoursButGiveNoSevenDayTotal() {
        XCounts firstPageOnly = XCounts.read(Fixtures.xJson("counts-nike-hourly-page1.json"));

        CaptureBatch batch = tag(firstPageOnly, "search-empty.json");

        assertThat(batch.tagVolume()).hasSize(2);
        assertThat(batch.tagSnapshot().mediaCount())
                .as("a page left unread: the total is not the 7 days'")
                .isNull();
        assertThat(tag(null, "search-empty.json").tagVolume()).isEmpty();
    }

    @Test
    void aUserIsAProfileSnapshot() {
        Target target = new Target(TargetDocument.Kind.PROFILE, "nike", Platform.X);
        CaptureBatch batch = normalizer.normalize(
                target, new XPayload.Profile(XUser.read(Fixtures.xJson("user-nike.json"))), CAPTURED);

        ProfileSnapshotDocument profile = batch.profileSnapshot();
        assertThat(profile.platform()).isEqualTo(Platform.X);
        assertThat(profile.userId()).isEqualTo("415859364");
        assertThat(profile.username()).isEqualTo("Nike");
        assertThat(profile.followers()).isEqualTo(9_812_345L);
        assertThat(profile.following()).isEqualTo(150);
        assertThat(profile.mediaCount()).isEqualTo(37_500);
        assertThat(profile.verified()).isTrue();
        assertThat(profile.isPrivate()).isFalse();
        assertThat(batch.posts()).isEmpty();
    }
}
