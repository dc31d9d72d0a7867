package io.onestore.model.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * VADER's word lexicon as of vaderSentiment 3.3.2: token (lower case, or an emoticon as written) → mean valence in
 * [-4, 4].
 *
 * <p>Source: the {@code vader_sentiment_lexicon.txt} that {@code com.github.apanimesh061:vader-sentiment-analyzer}
 * ships (an older release of the same MIT-licensed file), corrected by {@code vader-lexicon-3.3.2-delta.tsv}: the
 * entries in which the two differ, among them {@code heart} and {@code hearts}, without which every heart
 * emoji (described as "red heart", "sparkling heart"...) would score nothing.
 */
final class VaderLexicon {

    private static final String BASE = "/vader_sentiment_lexicon.txt";
    private static final String DELTA = "/io/onestore/model/sentiment/vader-lexicon-3.3.2-delta.tsv";

    private static final VaderLexicon INSTANCE = load();

    private final Map<String, Double> valences;

    private VaderLexicon(Map<String, Double> valences) {
        this.valences = Map.copyOf(valences);
    }

    static VaderLexicon get() {
        return INSTANCE;
    }

    /** True when the lower-cased token has a valence; VADER looks every token up in this form. */
    boolean contains(String lowerToken) {
        return valences.containsKey(lowerToken);
    }

    /** The valence of a token that {@link #contains} it. */
    double valence(String lowerToken) {
        return valences.get(lowerToken);
    }

    int size() {
        return valences.size();
    }

    private static VaderLexicon load() {
        Map<String, Double> valences = new HashMap<>();
        for (String line : lines(BASE)) {
            String[] fields = line.strip().split("\t");
            // Two emoticons with a Latin-1 "Þ" do not decode as UTF-8; the delta adds them back spelt right.
            if (fields.length >= 2 && !fields[0].contains("\uFFFD")) {
                valences.put(fields[0], Double.parseDouble(fields[1]));
            }
        }
        for (String line : lines(DELTA)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            valences.put(fields[0], Double.parseDouble(fields[1]));
        }
        return new VaderLexicon(valences);
    }

    private static List<String> lines(String resource) {
        InputStream in = VaderLexicon.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("VADER lexicon resource missing from the classpath: " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("VADER lexicon unreadable: " + resource, e);
        }
    }
}
