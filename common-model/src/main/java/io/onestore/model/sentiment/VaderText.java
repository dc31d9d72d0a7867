package io.onestore.model.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text as VADER 3.3 sees it: emoji replaced by their names, split on white space, each token stripped of leading
 * and trailing ASCII punctuation unless that leaves two characters or fewer (so {@code ":)"} stays an emoticon and
 * {@code "#happy"} becomes {@code "happy"}). Python's string semantics are kept where Java's differ: lengths count
 * code points, white space includes the no-break spaces, and "upper case" means at least one cased character and
 * none in lower or title case.
 */
final class VaderText {

    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** The text after emoji replacement; punctuation emphasis counts its {@code !} and {@code ?}. */
    final String text;

    /** The tokens, as written. */
    final List<String> tokens;

    /** The tokens in lower case, the form every lexicon and rule lookup uses. */
    final List<String> lower;

    /** True when some but not all tokens are ALL CAPS: only then does ALL CAPS add emphasis. */
    final boolean capDifferential;

    VaderText(String raw) {
        this.text = describeEmoji(raw).strip();
        this.tokens = tokenize(text);
        this.lower = tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        long allCaps = tokens.stream().filter(VaderText::isUpper).count();
        this.capDifferential = allCaps > 0 && allCaps < tokens.size();
    }

    /** Python's {@code str.isupper()}. */
    static boolean isUpper(String token) {
        boolean cased = false;
        for (int i = 0; i < token.length(); ) {
            int cp = token.codePointAt(i);
            if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            cased |= Character.isUpperCase(cp);
            i += Character.charCount(cp);
        }
        return cased;
    }

    private static String describeEmoji(String raw) {
        int first = firstEmoji(raw);
        if (first < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 32);
        out.append(raw, 0, first);
        // Only a plain space counts here, as in the reference: "😂\n😂" keeps the newline and adds a space.
        boolean previousWasSpace = first == 0 || raw.charAt(first - 1) == ' ';
        for (int i = first; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            String description = EmojiDescriptions.of(cp);
            if (description != null) {
                if (!previousWasSpace) {
                    out.append(' ');
                }
                out.append(description);
                previousWasSpace = false;
            } else {
                out.appendCodePoint(cp);
                previousWasSpace = cp == ' ';
            }
        }
        return out.toString();
    }

    /** The index of the first emoji VADER names, or -1: most captions have none and are read as they are. */
    private static int firstEmoji(String raw) {
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            if (EmojiDescriptions.isEmoji(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isPythonSpace(cp)) {
                if (start >= 0) {
                    tokens.add(stripPunctuationIfWord(text.substring(start, i)));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            tokens.add(stripPunctuationIfWord(text.substring(start)));
        }
        return tokens;
    }

    private static String stripPunctuationIfWord(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && ASCII_PUNCTUATION.indexOf(token.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && ASCII_PUNCTUATION.indexOf(token.charAt(to - 1)) >= 0) {
            to--;
        }
        String stripped = token.substring(from, to);
        return stripped.codePointCount(0, stripped.length()) <= 2 ? token : stripped;
    }

    /** Python's {@code str.isspace()}: Java's white space plus the no-break spaces and NEL. */
    private static boolean isPythonSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }
}
