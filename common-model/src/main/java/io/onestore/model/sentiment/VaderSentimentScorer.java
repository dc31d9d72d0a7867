package io.onestore.model.sentiment;

import com.vader.sentiment.analyzer.SentimentAnalyzer;
import io.onestore.model.document.Sentiment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * VADER, a lexicon and rule-based scorer tuned for social-media text (emoticons, capitals, "!!!", "but"). Chosen
 * over a trained model because it needs no weights download, is deterministic and scores a caption in microseconds
 * at index time. The port creates a fresh analyser per text, which keeps it thread-safe.
 */
public final class VaderSentimentScorer implements SentimentScorer {

    @Override
    public Optional<Sentiment> score(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            SentimentAnalyzer analyzer = new SentimentAnalyzer(text);
            analyzer.analyze();
            Float compound = analyzer.getPolarity().get("compound");
            if (compound == null || compound.isNaN()) {
                return Optional.of(Sentiment.of(0.0));
            }
            // Rounded so that re-normalising the same text always writes the same document.
            return Optional.of(Sentiment.of(Math.round(compound * 10_000.0) / 10_000.0));
        } catch (IOException e) {
            throw new UncheckedIOException("VADER lexicon unreadable", e);
        }
    }
}
