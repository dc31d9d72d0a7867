package io.onestore.model.sentiment;

import io.onestore.model.document.Sentiment;
import java.util.Optional;

/** Scores the sentiment of a text; implementations must be thread-safe. */
public interface SentimentScorer {

    /** Empty when there is no text to score: an absent caption has no sentiment, not a neutral one. */
    Optional<Sentiment> score(String text);
}
