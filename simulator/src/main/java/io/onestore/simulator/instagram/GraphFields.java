package io.onestore.simulator.instagram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Graph API's field expansion syntax, e.g. {@code business_discovery.username(nike){followers_count,
 * media.limit(5){id,like_count}}}: a comma-separated list of names, each with optional {@code .modifier(arg)} parts and
 * a nested {@code {…}} list.
 */
record GraphFields(List<Field> fields) {

    record Field(String name, Map<String, String> modifiers, GraphFields children) {}

    static GraphFields parse(String text) {
        if (text == null || text.isBlank()) {
            return new GraphFields(List.of());
        }
        Parser parser = new Parser(text.replace(" ", ""));
        return parser.list();
    }

    boolean has(String name) {
        return find(name).isPresent();
    }

    Optional<Field> find(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        GraphFields list() {
            List<Field> fields = new ArrayList<>();
            while (i < s.length() && s.charAt(i) != '}') {
                fields.add(field());
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                }
            }
            return new GraphFields(List.copyOf(fields));
        }

        private Field field() {
            String name = identifier();
            Map<String, String> modifiers = new LinkedHashMap<>();
            while (i < s.length() && s.charAt(i) == '.') {
                i++;
                String modifier = identifier();
                String arg = "";
                if (i < s.length() && s.charAt(i) == '(') {
                    int close = s.indexOf(')', i);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed ( in fields");
                    }
                    arg = s.substring(i + 1, close);
                    i = close + 1;
                }
                modifiers.put(modifier, arg);
            }
            GraphFields children = new GraphFields(List.of());
            if (i < s.length() && s.charAt(i) == '{') {
                i++;
                children = list();
                if (i >= s.length() || s.charAt(i) != '}') {
                    throw new IllegalArgumentException("unclosed { in fields");
                }
                i++;
            }
            return new Field(name, modifiers, children);
        }

        private String identifier() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("field name expected at " + start);
            }
            return s.substring(start, i);
        }
    }
}
