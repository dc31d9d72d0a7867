package io.onestore.model.sentiment;

import static io.onestore.model.sentiment.VaderRules.BOOSTERS;
import static io.onestore.model.sentiment.VaderRules.C_INCR;
import static io.onestore.model.sentiment.VaderRules.N_SCALAR;
import static io.onestore.model.sentiment.VaderRules.SPECIAL_CASES;
import static io.onestore.model.sentiment.VaderRules.negates;

import io.onestore.model.document.Sentiment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VADER, a lexicon and rule-based scorer tuned for social-media text (emoji, emoticons, capitals, "!!!", "but",
 * "kind of"), ported line for line from the reference implementation, vaderSentiment 3.3.2 (MIT, C.J. Hutto), with
 * its quirks: the compound score of a text equals the reference's to 4 decimal places. Chosen over a trained model
 * because it needs no weights download, is deterministic and scores a caption in microseconds at index time.
 *
 * <p>Why a port: the Java library the project used before tokenised differently (hashtag words were lost, emphasis
 * punctuation could zero a sentence), ignored emoji and shipped an older lexicon; preparing its input could not
 * make it agree. The lexicons are resources, not code: see {@link VaderLexicon} and {@link EmojiDescriptions}.
 * Thread-safe: all state is immutable.
 */
public final class VaderSentimentScorer implements SentimentScorer {

    private final VaderLexicon lexicon = VaderLexicon.get();

    @Override
    public Optional<Sentiment> score(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        // Rounded as the reference rounds (half-even on the exact binary value), so that re-normalising the same
        // text always writes the same document and the stored value is the reference's to the last digit.
        double rounded = new BigDecimal(compound(text))
                .setScale(4, RoundingMode.HALF_EVEN)
                .doubleValue();
        return Optional.of(Sentiment.of(rounded));
    }

    /** VADER's compound score in [-1, 1], unrounded; 0.0 for a text without tokens. */
    public double compound(String text) {
        VaderText t = new VaderText(text);
        List<Double> sentiments = new ArrayList<>(t.tokens.size());
        for (int i = 0; i < t.tokens.size(); i++) {
            String lower = t.lower.get(i);
            boolean kindOf = i < t.tokens.size() - 1
                    && lower.equals("kind")
                    && t.lower.get(i + 1).equals("of");
            // Boosters and "kind of" modify their neighbours and carry no valence of their own.
            sentiments.add(BOOSTERS.containsKey(lower) || kindOf ? 0.0 : valence(t, i));
        }
        butCheck(t.lower, sentiments);
        return normalize(sentiments, t.text);
    }

    private double valence(VaderText t, int i) {
        List<String> w = t.lower;
        String item = w.get(i);
        if (!lexicon.contains(item)) {
            return 0.0;
        }
        double valence = lexicon.valence(item);
        // "no" right before a lexicon word negates that word instead of scoring itself.
        if (item.equals("no") && i != w.size() - 1 && lexicon.contains(w.get(i + 1))) {
            valence = 0.0;
        }
        if ((i > 0 && w.get(i - 1).equals("no"))
                || (i > 1 && w.get(i - 2).equals("no"))
                || (i > 2
                        && w.get(i - 3).equals("no")
                        && (w.get(i - 1).equals("or") || w.get(i - 1).equals("nor")))) {
            valence = lexicon.valence(item) * N_SCALAR;
        }
        if (VaderText.isUpper(t.tokens.get(i)) && t.capDifferential) {
            valence = valence > 0 ? valence + C_INCR : valence - C_INCR;
        }
        for (int startI = 0; startI < 3; startI++) {
            int before = i - (startI + 1);
            if (i > startI && !lexicon.contains(w.get(before))) {
                double s = scalarIncDec(t.tokens.get(before), w.get(before), valence, t.capDifferential);
                if (startI == 1 && s != 0) {
                    s = s * 0.95;
                }
                if (startI == 2 && s != 0) {
                    s = s * 0.9;
                }
                valence = valence + s;
                valence = negationCheck(valence, w, startI, i);
                if (startI == 2) {
                    valence = specialIdiomsCheck(valence, w, i);
                }
            }
        }
        return leastCheck(valence, w, i);
    }

    private static double scalarIncDec(String word, String lower, double valence, boolean capDifferential) {
        Double booster = BOOSTERS.get(lower);
        if (booster == null) {
            return 0.0;
        }
        double scalar = valence < 0 ? -booster : booster;
        if (VaderText.isUpper(word) && capDifferential) {
            scalar = valence > 0 ? scalar + C_INCR : scalar - C_INCR;
        }
        return scalar;
    }

    private static double negationCheck(double valence, List<String> w, int startI, int i) {
        if (startI == 0) {
            return negates(w.get(i - 1)) ? valence * N_SCALAR : valence;
        }
        if (startI == 1) {
            if (w.get(i - 2).equals("never") && isSoOrThis(w.get(i - 1))) {
                return valence * 1.25;
            }
            if (w.get(i - 2).equals("without") && w.get(i - 1).equals("doubt")) {
                return valence;
            }
            return negates(w.get(i - 2)) ? valence * N_SCALAR : valence;
        }
        // Precedence as in the reference: (never and (so or this)) or (so or this right before the word).
        if ((w.get(i - 3).equals("never") && isSoOrThis(w.get(i - 2))) || isSoOrThis(w.get(i - 1))) {
            return valence * 1.25;
        }
        if (w.get(i - 3).equals("without")
                && (w.get(i - 2).equals("doubt") || w.get(i - 1).equals("doubt"))) {
            return valence;
        }
        return negates(w.get(i - 3)) ? valence * N_SCALAR : valence;
    }

    private static boolean isSoOrThis(String word) {
        return word.equals("so") || word.equals("this");
    }

    /** Runs only with three words before the item, as in the reference. */
    private static double specialIdiomsCheck(double valence, List<String> w, int i) {
        String oneZero = w.get(i - 1) + " " + w.get(i);
        String twoOneZero = w.get(i - 2) + " " + w.get(i - 1) + " " + w.get(i);
        String twoOne = w.get(i - 2) + " " + w.get(i - 1);
        String threeTwoOne = w.get(i - 3) + " " + w.get(i - 2) + " " + w.get(i - 1);
        String threeTwo = w.get(i - 3) + " " + w.get(i - 2);
        for (String sequence : List.of(oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo)) {
            Double special = SPECIAL_CASES.get(sequence);
            if (special != null) {
                valence = special;
                break;
            }
        }
        if (w.size() - 1 > i) {
            valence = SPECIAL_CASES.getOrDefault(w.get(i) + " " + w.get(i + 1), valence);
        }
        if (w.size() - 1 > i + 1) {
            valence = SPECIAL_CASES.getOrDefault(w.get(i) + " " + w.get(i + 1) + " " + w.get(i + 2), valence);
        }
        for (String nGram : List.of(threeTwoOne, threeTwo, twoOne)) {
            Double booster = BOOSTERS.get(nGram);
            if (booster != null) {
                valence = valence + booster;
            }
        }
        return valence;
    }

    private double leastCheck(double valence, List<String> w, int i) {
        if (i > 1 && !lexicon.contains(w.get(i - 1)) && w.get(i - 1).equals("least")) {
            if (!w.get(i - 2).equals("at") && !w.get(i - 2).equals("very")) {
                return valence * N_SCALAR;
            }
        } else if (i > 0 && !lexicon.contains(w.get(i - 1)) && w.get(i - 1).equals("least")) {
            return valence * N_SCALAR;
        }
        return valence;
    }

    /**
     * Halves what comes before the first "but" and multiplies what follows by 1.5. The reference finds each value's
     * position with {@code list.index(value)}, the first equal value, so repeated values are rescaled at the first
     * occurrence (sometimes more than once); kept as is, since the stored scores must be the reference's.
     */
    private static void butCheck(List<String> w, List<Double> sentiments) {
        int bi = w.indexOf("but");
        if (bi < 0) {
            return;
        }
        for (int p = 0; p < sentiments.size(); p++) {
            double sentiment = sentiments.get(p);
            int si = firstIndexOf(sentiments, sentiment);
            if (si < bi) {
                sentiments.set(si, sentiment * 0.5);
            } else if (si > bi) {
                sentiments.set(si, sentiment * 1.5);
            }
        }
    }

    private static int firstIndexOf(List<Double> values, double value) {
        for (int k = 0; k < values.size(); k++) {
            if (values.get(k) == value) {
                return k;
            }
        }
        return -1;
    }

    private static double normalize(List<Double> sentiments, String text) {
        if (sentiments.isEmpty()) {
            return 0.0;
        }
        double sum = 0;
        for (double s : sentiments) {
            sum += s;
        }
        double emphasis = exclamationEmphasis(text) + questionEmphasis(text);
        if (sum > 0) {
            sum += emphasis;
        } else if (sum < 0) {
            sum -= emphasis;
        }
        double normalized = sum / Math.sqrt(sum * sum + 15);
        return Math.max(-1.0, Math.min(1.0, normalized));
    }

    private static double exclamationEmphasis(String text) {
        return Math.min(4, count(text, '!')) * 0.292;
    }

    private static double questionEmphasis(String text) {
        long questions = count(text, '?');
        if (questions <= 1) {
            return 0;
        }
        return questions <= 3 ? questions * 0.18 : 0.96;
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
