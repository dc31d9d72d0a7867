package io.onestore.model.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mention extraction: {@code @handle} where the handle follows Instagram's rules (letters, digits, {@code .} and
 * {@code _}, at most 30, no trailing dot), which also cover X's. An {@code @} inside a word (an e-mail address) is
 * not a mention. Handles are case-insensitive upstream, so they are stored lower case.
 */
public final class Mentions {

    private static final int MAX_HANDLE = 30;
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.@])[@＠]([A-Za-z0-9._]{1,64})");
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9._]{1," + MAX_HANDLE + "}");

    private Mentions() {}

    public static List<String> extract(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Set<String> handles = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            normalize(m.group(1)).ifPresent(handles::add);
        }
        return new ArrayList<>(handles);
    }

    /** {@code "@Nike."} → {@code nike}; empty when no valid handle remains. */
    public static Optional<String> normalize(String handle) {
        if (handle == null) {
            return Optional.empty();
        }
        String h = handle.strip();
        while (h.startsWith("@") || h.startsWith("＠")) {
            h = h.substring(1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        h = h.toLowerCase(Locale.ROOT);
        return HANDLE.matcher(h).matches() ? Optional.of(h) : Optional.empty();
    }
}
