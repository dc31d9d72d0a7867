package io.onestore.model.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Hashtag extraction and normalisation, the one definition both the ingestor (writing {@code hashtags}) and the
 * query side (reading a user's {@code ?hashtags=}) use, so that {@code #Café}, {@code #CAFÉ} and a decomposed
 * {@code #Cafe\u0301} are one tag.
 *
 * <p>Rules, after Instagram's and X's behaviour: a tag starts at {@code #} (or the full-width {@code ＃}) that does
 * not follow a letter, digit, underscore, {@code &} or {@code /} (so URL fragments and HTML entities are not tags),
 * except that tags may be chained ({@code #a#b}); its body is letters, marks, digits, underscores and zero-width
 * (non-)joiners; a body of digits only is not a tag. Normal form: Unicode NFC, lower case (root locale), no {@code #}.
 */
public final class Hashtags {

    private Hashtags() {}

    /** Distinct normalised hashtags of a text, in order of first appearance; empty for null or blank text. */
    public static List<String> extract(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        Set<String> tags = new LinkedHashSet<>();
        int i = 0;
        boolean afterTag = false;
        while (i < nfc.length()) {
            int cp = nfc.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isHashSign(cp) && (afterTag || i == 0 || mayPrecede(nfc.codePointBefore(i)))) {
                int end = next;
                while (end < nfc.length() && isBodyChar(nfc.codePointAt(end))) {
                    end += Character.charCount(nfc.codePointAt(end));
                }
                String body = nfc.substring(next, end);
                if (hasNonDigit(body)) {
                    tags.add(lowerNfc(body));
                }
                afterTag = end > next;
                i = end;
                continue;
            }
            afterTag = false;
            i = next;
        }
        return new ArrayList<>(tags);
    }

    /**
     * Normalises a tag a user typed ({@code "#Nike"}, {@code "nike"}, {@code " ＃NIKE "}); empty when it is not a
     * valid tag (blank, digits only, or containing characters no tag can hold).
     */
    public static Optional<String> normalize(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String nfc = Normalizer.normalize(tag.strip(), Normalizer.Form.NFC);
        int start = 0;
        while (start < nfc.length() && isHashSign(nfc.codePointAt(start))) {
            start += Character.charCount(nfc.codePointAt(start));
        }
        String body = nfc.substring(start);
        if (body.isEmpty() || !hasNonDigit(body) || !body.codePoints().allMatch(Hashtags::isBodyChar)) {
            return Optional.empty();
        }
        return Optional.of(lowerNfc(body));
    }

    private static String lowerNfc(String body) {
        return Normalizer.normalize(body.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }

    private static boolean isHashSign(int cp) {
        return cp == '#' || cp == '\uFF03';
    }

    private static boolean mayPrecede(int cp) {
        return !(Character.isLetterOrDigit(cp) || cp == '_' || cp == '&' || cp == '/' || isMark(cp));
    }

    static boolean isBodyChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_' || isMark(cp) || cp == '\u200C' || cp == '\u200D';
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean hasNonDigit(String body) {
        return body.codePoints().anyMatch(cp -> !Character.isDigit(cp));
    }
}
