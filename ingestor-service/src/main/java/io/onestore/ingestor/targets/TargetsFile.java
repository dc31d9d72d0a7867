package io.onestore.ingestor.targets;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.text.Hashtags;
import io.onestore.model.text.Mentions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targets file: the seed's {@code tags.txt} unchanged (one hashtag per line) plus {@code #tag} for a hashtag and
 * {@code @handle} for a public profile, on Instagram; a platform key and a colon in front watch it on that platform
 * instead ({@code x:#nike}, {@code tiktok:@nike}, {@code instagram:#nike}). Blank lines and comments ({@code #}
 * followed by a space, or alone) are skipped; a line that is no valid tag or handle, or names an unknown platform, is
 * logged with its number, never silently dropped.
 */
public final class TargetsFile {

    private static final Logger log = LoggerFactory.getLogger(TargetsFile.class);
    /** {@code x:#nike}: letters, a colon, the target. Tags and handles hold no colon, so nothing else matches. */
    private static final Pattern PLATFORM_PREFIX = Pattern.compile("([A-Za-z]+):(.+)");

    private TargetsFile() {}

    /** The targets of a file, in file order without duplicates; empty when the file does not exist. */
    public static List<Target> read(Path file) {
        if (!Files.exists(file)) {
            log.warn("Targets file {} does not exist: watching campaign targets only", file);
            return List.of();
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the targets file " + file, e);
        }
    }

    static List<Target> parse(List<String> lines, String source) {
        Set<Target> targets = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip(); // a byte-order mark from a Windows editor
            }
            if (line.isEmpty() || isComment(line)) {
                continue;
            }
            Optional<Target> target = parseLine(line);
            if (target.isPresent()) {
                targets.add(target.get());
            } else {
                log.warn(
                        "{}:{}: '{}' is neither a hashtag nor a handle (on a known platform); skipped",
                        source,
                        i + 1,
                        line);
            }
        }
        return List.copyOf(targets);
    }

    private static Optional<Target> parseLine(String line) {
        Platform platform = Platform.INSTAGRAM;
        Matcher prefixed = PLATFORM_PREFIX.matcher(line);
        if (prefixed.matches()) {
            try {
                platform = Platform.fromKey(prefixed.group(1));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
            line = prefixed.group(2).strip();
        }
        Platform on = platform;
        if (line.startsWith("@") || line.startsWith("＠")) {
            return Mentions.normalize(line).map(handle -> new Target(TargetDocument.Kind.PROFILE, handle, on));
        }
        return Hashtags.normalize(line).map(tag -> new Target(TargetDocument.Kind.HASHTAG, tag, on));
    }

    private static boolean isComment(String line) {
        return (line.startsWith("#") || line.startsWith("＃"))
                && (line.length() == 1 || Character.isWhitespace(line.codePointAt(1)));
    }
}
