package io.onestore.model.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onestore.model.document.Sentiment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class VaderSentimentScorerTest {

    private final SentimentScorer scorer = new VaderSentimentScorer();

    /** The table and where its values come from: {@code vader-3.3.2-reference.tsv} beside this class. */
    static Stream<Arguments> referenceScores() throws IOException {
        try (InputStream in = VaderSentimentScorerTest.class.getResourceAsStream("vader-3.3.2-reference.tsv")) {
            String table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return table
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(f -> Arguments.of(
                            f[0].replace("\\n", "\n").replace("\\u00a0", "\u00a0"), Double.parseDouble(f[1])))
                    .toList()
                    .stream();
        }
    }

    @Test
    void theReferenceTableHoldsAtLeastFiftyCaptions() throws IOException {
        assertThat(referenceScores()).hasSizeGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("referenceScores")
    void compoundMatchesTheReferenceImplementation(String caption, double reference) {
        assertThat(scorer.score(caption).orElseThrow().compound()).isCloseTo(reference, within(0.01));
    }

    /** The examples of the bug report, each with the reference's value. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "😂😂😂 | 0.8271", // was 0.0: emoji ignored
                "Honestly #disappointed with the new drop | -0.296", // was positive: hashtag word ignored
                "#blessed #happy | 0.8225", // was 0.0
                "this is good!!!!!! | 0.6209", // emphasis punctuation counts, capped at four
                "Is this really the best you can do???? | 0.7535"
            })
    void bugReportExamplesScoreAsTheReferenceDoes(String caption, double reference) {
        Sentiment sentiment = scorer.score(caption).orElseThrow();
        assertThat(sentiment.compound()).isEqualTo(reference);
    }

    @Test
    void labelsFollowTheCompoundScore() {
        assertThat(scorer.score("I love these shoes, best purchase ever!").orElseThrow())
                .isEqualTo(new Sentiment(0.8655, Sentiment.Label.POSITIVE));
        assertThat(scorer.score("Terrible quality, broke after a day. Awful.").orElseThrow())
                .isEqualTo(new Sentiment(-0.836, Sentiment.Label.NEGATIVE));
        assertThat(scorer.score("The store opens at nine").orElseThrow())
                .isEqualTo(new Sentiment(0.0, Sentiment.Label.NEUTRAL));
    }

    @Test
    void knowsTheEmojiAndWordsOfTheReferenceLexicons() {
        // The reference reads 1,212 single-code-point emoji (Emoji 11.0) and 7,506 distinct tokens (7,520 lines,
        // 14 of them repeated); ":p" and ":P" are two entries there.
        assertThat(EmojiDescriptions.size()).isEqualTo(1212);
        assertThat(EmojiDescriptions.of("😂".codePointAt(0))).isEqualTo("face with tears of joy");
        assertThat(EmojiDescriptions.of("🥹".codePointAt(0)))
                .as("Emoji 14.0, unknown to 3.3.2")
                .isNull();
        assertThat(VaderLexicon.get().size()).isEqualTo(7506);
        assertThat(VaderLexicon.get().valence("heart")).isEqualTo(3.2);
        assertThat(VaderLexicon.get().valence(":p")).isEqualTo(1.0);
        assertThat(VaderLexicon.get().valence(":P")).isEqualTo(1.4);
    }

    @Test
    void noTextMeansNoSentiment() {
        assertThat(scorer.score(null)).isEmpty();
        assertThat(scorer.score("   ")).isEmpty();
    }

    @Test
    void labelThresholdsAreVadersPlusMinusFivePercent() {
        assertThat(Sentiment.Label.of(0.05)).isEqualTo(Sentiment.Label.POSITIVE);
        assertThat(Sentiment.Label.of(0.0499)).isEqualTo(Sentiment.Label.NEUTRAL);
        assertThat(Sentiment.Label.of(-0.05)).isEqualTo(Sentiment.Label.NEGATIVE);
    }
}
