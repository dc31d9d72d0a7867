package io.onestore.ingestor.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mastodon's {@code content} is HTML (paragraphs, line breaks, links, hashtag and mention spans); captions are plain
 * text. The HTML is the server's sanitised subset, so tags are dropped, paragraphs and breaks become new lines and
 * entities are decoded; no full parser is needed for that subset.
 */
final class StatusHtml {

    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern PARAGRAPH = Pattern.compile("(?i)</p>\\s*<p[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");

    private StatusHtml() {}

    static String text(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        String s = BREAK.matcher(html).replaceAll("\n");
        s = PARAGRAPH.matcher(s).replaceAll("\n\n");
        s = TAG.matcher(s).replaceAll("");
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1))));
        }
        m.appendTail(out);
        String text = out.toString().strip();
        return text.isEmpty() ? null : text;
    }

    private static String decode(String entity) {
        return switch (entity) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> {
                boolean hex = entity.startsWith("#x") || entity.startsWith("#X");
                int cp = Integer.parseInt(entity.substring(hex ? 2 : 1), hex ? 16 : 10);
                yield Character.isValidCodePoint(cp) ? Character.toString(cp) : "";
            }
        };
    }
}
