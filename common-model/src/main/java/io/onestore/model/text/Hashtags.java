package io.onestore.model.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Hashtag extraction and validation, the one definition every place that extracts or accepts a tag uses (the
 * ingestor writing {@code hashtags}, targets files, the query side reading {@code ?hashtags=}, campaign creation,
 * the simulator), so that {@code #Café}, {@code #CAFÉ} and a decomposed {@code #Cafe\u0301} are one tag and no
 * invisible string is ever one.
 *
 * <p>Rules, after the Instagram, X (twitter-text) and Bluesky parsers: a tag starts at {@code #} (or the full-width
 * {@code ＃}) that does not follow a letter, digit, underscore, {@code &} or {@code /} (so URL fragments and HTML
 * entities are not tags), except that tags may be chained ({@code #a#b}). Its body starts with a letter, digit or
 * underscore and goes on with those, combining marks and zero-width (non-)joiners; a trailing joiner is dropped.
 * A {@code #} followed by a mark, a variation selector or a joiner is not a tag start: that is the keycap emoji
 * {@code #️⃣} ({@code #}, U+FE0F, U+20E3) or an invisible string. Variation selectors end a body (they choose emoji
 * presentation, never spell a word). A body must hold at least one letter: {@code #2024} and {@code #_} are not
 * tags. Normal form: Unicode NFC, lower case (root locale), no {@code #}.
 */
public final class Hashtags {

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private Hashtags() {}

    /**
     * A tag as written in a text: {@code start} (the {@code #}) and {@code end} are char indices into that text,
     * {@code body} is the text between them without the {@code #}, not normalised.
     */
    public record Occurrence(int start, int end, String body) {}

    /** Distinct normalised hashtags of a text, in order of first appearance; empty for null or blank text. */
    public static List<String> extract(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (Occurrence occurrence : find(Normalizer.normalize(text, Normalizer.Form.NFC))) {
            tags.add(lowerNfc(occurrence.body()));
        }
        return new ArrayList<>(tags);
    }

    /** Every tag of a text as written, in order, repeats included (for entity offsets); empty for null text. */
    public static List<Occurrence> find(String text) {
        if (text == null) {
            return List.of();
        }
        List<Occurrence> found = new ArrayList<>();
        int i = 0;
        boolean afterTag = false;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isHashSign(cp) && (afterTag || i == 0 || mayPrecede(text.codePointBefore(i)))) {
                int end = bodyEnd(text, next);
                afterTag = end > next;
                if (hasLetter(text, next, end)) {
                    found.add(new Occurrence(i, end, text.substring(next, end)));
                }
                i = Math.max(end, next);
                continue;
            }
            afterTag = false;
            i = next;
        }
        return found;
    }

    /**
     * Normalises a tag a user typed ({@code "#Nike"}, {@code "nike"}, {@code " ＃NIKE "}); empty when it is not a
     * valid tag: blank, without a letter, or holding a character no tag can hold (spaces, punctuation, emoji,
     * variation selectors, a leading mark or joiner).
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
        int end = bodyEnd(nfc, start);
        if (end != nfc.length() || !hasLetter(nfc, start, end)) {
            return Optional.empty();
        }
        return Optional.of(lowerNfc(nfc.substring(start, end)));
    }

    /** Where a body that would start at {@code from} ends; {@code from} itself when no body starts there. */
    private static int bodyEnd(String text, int from) {
        if (from >= text.length() || !isBodyStart(text.codePointAt(from))) {
            return from;
        }
        int end = from;
        int lastVisible = from;
        while (end < text.length() && isBodyChar(text.codePointAt(end))) {
            int cp = text.codePointAt(end);
            end += Character.charCount(cp);
            if (cp != ZWJ && cp != ZWNJ) {
                lastVisible = end;
            }
        }
        // A joiner joins two characters; one at the end joins nothing and would make an invisibly different tag.
        return lastVisible;
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

    private static boolean isBodyStart(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }

    private static boolean isBodyChar(int cp) {
        return isBodyStart(cp) || cp == ZWNJ || cp == ZWJ || (isMark(cp) && !isVariationSelector(cp));
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** VS1-VS16 and the supplementary VS17-VS256: presentation selectors, general category Mn. */
    private static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    private static boolean hasLetter(String text, int from, int to) {
        return text.substring(from, to).codePoints().anyMatch(Character::isLetter);
    }
}
