package io.onestore.model.sentiment;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import net.fellbaum.jemoji.Emoji;
import net.fellbaum.jemoji.EmojiManager;

/**
 * What VADER 3.3 reads instead of an emoji: each code point found in its emoji lexicon is replaced by that emoji's
 * CLDR short name ("😂" → "face with tears of joy"), and the words of the name are then scored like any others.
 *
 * <p>VADER built its lexicon from Unicode's {@code emoji-test.txt} of Emoji 11.0 and looks up single code points
 * only. The names here come from JEmoji's copy of the newer Unicode data, restricted to single-code-point emoji of
 * version 11.0 or older: that is the same set of 1,212 code points. CLDR has renamed 55 of them since; four of
 * those renames change what VADER reads (a lexicon word gained or lost, or a name turned ALL CAPS, which VADER
 * takes as emphasis), so those four keep their Emoji 11.0 names. The other renames score the same.
 */
final class EmojiDescriptions {

    private static final double REFERENCE_EMOJI_VERSION = 11.0;

    private static final Map<Integer, String> EMOJI_11_NAMES = Map.of(
            0x1F917, "hugging face", // now "smiling face with open hands"
            0x1F635, "dizzy face", // now "face with crossed-out eyes"
            0x1F621, "pouting face", // now "enraged face"
            0x1F4A4, "zzz"); // now "ZZZ"

    private static final Map<Integer, String> DESCRIPTIONS = load();

    /**
     * The code points {@link #DESCRIPTIONS} holds, as bits: every caption is scanned once per character, and a bit
     * test costs a fraction of boxing the code point and probing the map (the probe was 9 % of the ingest benchmark's
     * CPU samples, docs/benchmarks.md).
     */
    private static final BitSet KNOWN = known();

    private EmojiDescriptions() {}

    /** The name VADER reads for a code point, or null when the code point is not an emoji VADER knows. */
    static String of(int codePoint) {
        return isEmoji(codePoint) ? DESCRIPTIONS.get(codePoint) : null;
    }

    /** True when {@link #of} has a name for the code point. */
    static boolean isEmoji(int codePoint) {
        return KNOWN.get(codePoint);
    }

    static int size() {
        return DESCRIPTIONS.size();
    }

    private static BitSet known() {
        BitSet known = new BitSet();
        DESCRIPTIONS.keySet().forEach(known::set);
        return known;
    }

    private static Map<Integer, String> load() {
        Map<Integer, String> names = new HashMap<>();
        for (Emoji emoji : EmojiManager.getAllEmojis()) {
            String text = emoji.getEmoji();
            if (text.codePointCount(0, text.length()) == 1 && emoji.getVersion() <= REFERENCE_EMOJI_VERSION) {
                names.putIfAbsent(text.codePointAt(0), emoji.getDescription());
            }
        }
        names.putAll(EMOJI_11_NAMES);
        return Map.copyOf(names);
    }
}
