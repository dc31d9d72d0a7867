package io.onestore.model.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.Sentiment;
import org.junit.jupiter.api.Test;

class VaderSentimentScorerTest {

    private final SentimentScorer scorer = new VaderSentimentScorer();

    @Test
    void labelsClearlyPositiveNegativeAndNeutralCaptions() {
        assertThat(scorer.score("I love these shoes, best purchase ever!")
                        .orElseThrow()
                        .label())
                .isEqualTo(Sentiment.Label.POSITIVE);
        assertThat(scorer.score("Terrible quality, broke after a day. Awful.")
                        .orElseThrow()
                        .label())
                .isEqualTo(Sentiment.Label.NEGATIVE);
        assertThat(scorer.score("The store opens at nine").orElseThrow().label())
                .isEqualTo(Sentiment.Label.NEUTRAL);
    }

    @Test
    void capitalsAndExclamationsStrengthenTheScore() {
        double plain = scorer.score("this is good").orElseThrow().compound();
        double loud = scorer.score("this is GOOD!!!").orElseThrow().compound();
        assertThat(loud).isGreaterThan(plain);
    }

    @Test
    void isDeterministicAndBounded() {
        String text = "Not bad at all, but the laces are meh #nike";
        Sentiment first = scorer.score(text).orElseThrow();
        assertThat(scorer.score(text)).contains(first);
        assertThat(first.compound()).isBetween(-1.0, 1.0);
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
