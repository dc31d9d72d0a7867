package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Locale;

/**
 * Sentiment of a text: VADER's compound score in [-1, 1] and its label. The ±0.05 thresholds are VADER's own
 * recommendation (Hutto and Gilbert, 2014) and the query side counts positive/neutral/negative by the label.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Sentiment(double compound, Label label) {

    public static final double THRESHOLD = 0.05;

    public static Sentiment of(double compound) {
        return new Sentiment(compound, Label.of(compound));
    }

    public enum Label {
        POSITIVE,
        NEUTRAL,
        NEGATIVE;

        public static Label of(double compound) {
            if (compound >= THRESHOLD) {
                return POSITIVE;
            }
            return compound <= -THRESHOLD ? NEGATIVE : NEUTRAL;
        }

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Label fromKey(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }
}
