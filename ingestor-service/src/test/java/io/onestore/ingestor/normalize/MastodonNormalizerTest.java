package io.onestore.ingestor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.sentiment.VaderSentimentScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorded Mastodon statuses into posts: HTML to text, the author's home server, counts, tags, media. */
class MastodonNormalizerTest {

    static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
    static final Target NIKE = new Target(TargetDocument.Kind.HASHTAG, "nike", Platform.MASTODON);

    final MastodonStatusNormalizer normalizer =
            new MastodonStatusNormalizer(new OpenPostAssembler(new VaderSentimentScorer()));

    CaptureBatch batch(String fixture) {
        List<JsonNode> statuses = new ArrayList<>();
        Fixtures.parse(Fixtures.read("mastodon/" + fixture)).forEach(statuses::add);
        return normalizer.normalize(NIKE, statuses, AT);
    }

    @Test
    void aLocalStatusBecomesAPostKeyedByItsCanonicalUri() {
        PostDocument alice = batch("timeline-nike.json").posts().get(0);

        assertThat(alice.id()).isEqualTo("mastodon:https://mastodon.social/users/alice/statuses/113574012345678903");
        assertThat(alice.platform()).isEqualTo(Platform.MASTODON);
        assertThat(alice.url()).isEqualTo("https://mastodon.social/@alice/113574012345678903");
        assertThat(alice.caption()).isEqualTo("New #Nike runners & a great run today!\nLoving it #RunningCommunity");
        assertThat(alice.hashtags()).containsExactly("nike", "runningcommunity");
        assertThat(alice.foundInTags()).containsExactly("nike");
        assertThat(alice.author().username()).isEqualTo("alice@mastodon.social");
        assertThat(alice.author().id()).isEqualTo("https://mastodon.social/@alice");
        assertThat(alice.author().followers()).isEqualTo(120);
        assertThat(alice.likes()).isEqualTo(17);
        assertThat(alice.shares()).isEqualTo(5);
        assertThat(alice.comments()).isEqualTo(2);
        assertThat(alice.engagement()).isEqualTo(24);
        assertThat(alice.mediaType()).isEqualTo(MediaType.PHOTO);
        assertThat(alice.publishedAt()).isEqualTo(Instant.parse("2026-11-26T11:58:03Z"));
        assertThat(alice.sentiment()).isNotNull();
        assertThat(alice.source()).isEqualTo("mastodon");
        assertThat(alice.raw().path("id").asText()).isEqualTo("113574012345678903");
    }

    @Test
    void aRemoteStatusKeepsItsAuthorsServerAndItsMentionsEntitiesDecoded() {
        PostDocument bob = batch("timeline-nike.json").posts().get(1);

        assertThat(bob.author().username()).isEqualTo("bob@fosstodon.org");
        assertThat(bob.caption()).isEqualTo("Not sure about the new #nike ad, honestly <meh> @alice");
        assertThat(bob.mentions()).containsExactly("alice");
        assertThat(bob.mediaType()).isEqualTo(MediaType.TEXT);
    }

    @Test
    void aContentWarningLeadsTheCaptionAndSeveralAttachmentsAreACarousel() {
        CaptureBatch batch = batch("timeline-nike.json");
        PostDocument carol = batch.posts().get(2);

        assertThat(carol.caption()).isEqualTo("running gear\n\n#Nike trail shoes\n\nsecond paragraph");
        assertThat(carol.mediaType()).isEqualTo(MediaType.CAROUSEL);
        assertThat(batch.metrics()).hasSize(3);
        assertThat(batch.tagSnapshot().mediaCount())
                .as("Mastodon sends no count of a tag's posts")
                .isNull();
        assertThat(batch.tagSnapshot().postsSeen()).isEqualTo(3);
        assertThat(batch.deadLetters()).isEmpty();
    }

    @Test
    void aStatusWithoutUriIsADeadLetterNotAGuess() {
        JsonNode broken = Fixtures.parse("{\"id\":\"1\",\"content\":\"<p>hi</p>\"}");

        CaptureBatch batch = normalizer.normalize(NIKE, List.of(broken), AT);

        assertThat(batch.posts()).isEmpty();
        assertThat(batch.deadLetters()).singleElement().satisfies(d -> assertThat(d.errorType())
                .isEqualTo("unreadable_node"));
    }
}
