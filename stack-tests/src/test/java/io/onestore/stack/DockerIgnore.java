package io.onestore.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} read the way Docker's builder reads it (moby's {@code patternmatcher} and
 * {@code dockerignore} packages): lines trimmed, {@code #} comments and blanks skipped, a leading {@code !} re-includes,
 * patterns cleaned like Go's {@code filepath.Clean} (so {@code **}{@code /target/} becomes {@code **}{@code /target}) and
 * anchored at the context root; {@code *} and {@code ?} stop at {@code /}, {@code **} spans any number of folders; a
 * path is excluded when the last pattern matching it or one of its parent folders is not an exception.
 */
final class DockerIgnore {

    private record Rule(Pattern regex, boolean exception, String text) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore parse(String content) {
        List<Rule> rules = new ArrayList<>();
        for (String line : content.split("\r?\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).trim();
            }
            if (!pattern.isEmpty()) {
                pattern = clean(pattern);
                if (pattern.length() > 1 && pattern.startsWith("/")) {
                    pattern = pattern.substring(1);
                }
            }
            rules.add(new Rule(Pattern.compile(regex(pattern)), exception, line.trim()));
        }
        return new DockerIgnore(rules);
    }

    /** Whether Docker leaves {@code path} (relative to the context root, {@code /}-separated) out of the context. */
    boolean excludes(String path) {
        return excludingRule(path) != null;
    }

    /** The line that leaves {@code path} out, or null when the path is sent. */
    String excludingRule(String path) {
        String file = clean(path);
        int slash = file.lastIndexOf('/');
        String parent = slash < 0 ? "." : file.substring(0, slash);
        String[] parentDirs = parent.split("/");
        boolean matched = false;
        String by = null;
        for (Rule rule : rules) {
            // As moby: an exception only matters once excluded, an exclusion only while not excluded.
            if (rule.exception() != matched) {
                continue;
            }
            boolean match = rule.regex().matcher(file).matches();
            if (!match && !parent.equals(".")) {
                for (int i = 0; i < parentDirs.length && !match; i++) {
                    match = rule.regex()
                            .matcher(String.join("/", List.of(parentDirs).subList(0, i + 1)))
                            .matches();
                }
            }
            if (match) {
                matched = !rule.exception();
                by = matched ? rule.text() : null;
            }
        }
        return matched ? by : null;
    }

    /** moby's pattern-to-regexp translation, for {@code /} as the separator. */
    private static String regex(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                        i++; // "**/" is "**"
                    }
                    regex.append(i + 1 >= pattern.length() ? ".*" : "(.*/)?");
                } else {
                    regex.append("[^/]*");
                }
            } else if (ch == '?') {
                regex.append("[^/]");
            } else if (ch == '\\') {
                if (i + 1 < pattern.length()) {
                    regex.append('\\').append(pattern.charAt(++i));
                }
            } else if (".+()|{}$^".indexOf(ch) >= 0) {
                regex.append('\\').append(ch);
            } else {
                regex.append(ch); // letters, '/', and the brackets of a [...] class
            }
        }
        return regex.append('$').toString();
    }

    /** Go's {@code filepath.Clean} for {@code /}: no empty or {@code .} elements, {@code ..} resolved, no trailing slash. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add(part);
                }
                continue;
            }
            out.add(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
