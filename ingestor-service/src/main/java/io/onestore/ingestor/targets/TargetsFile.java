package io.onestore.ingestor.targets;

import io.onestore.model.document.Platform;
import io.onestore.model.text.Hashtags;
import io.onestore.model.text.Mentions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targets file: the seed's {@code tags.txt} unchanged (one hashtag per line) plus {@code #tag} for a hashtag and
 * {@code @handle} for a public profile. Blank lines and comments ({@code #} followed by a space, or alone) are
 * skipped; a line that is no valid tag or handle is logged with its number, never silently dropped.
 *
 * <p>A target is watched on Instagram unless its line names the platforms after it, separated by spaces or commas:
 * {@code #nike instagram mastodon bluesky}. A line naming an unknown platform is logged and skipped whole.
 */
public final class TargetsFile {

    private static final Logger log = LoggerFactory.getLogger(TargetsFile.class);

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
            String[] words = line.split("[\\s,]+");
            Optional<List<Platform>> platforms = platforms(words);
            Optional<Target> target = parseLine(words[0], platforms.orElse(List.of()));
            if (target.isEmpty()) {
                log.warn("{}:{}: '{}' is neither a hashtag nor a handle; skipped", source, i + 1, line);
            } else if (platforms.isEmpty()) {
                log.warn("{}:{}: '{}' names an unknown platform; skipped", source, i + 1, line);
            } else {
                Target parsed = target.get();
                platforms.get().forEach(p -> targets.add(new Target(parsed.kind(), parsed.value(), p)));
            }
        }
        return List.copyOf(targets);
    }

    private static Optional<Target> parseLine(String line, List<Platform> platforms) {
        if (platforms.equals(List.of(Platform.BLUESKY))) {
            // A Bluesky account is a domain-name handle or a DID, neither an Instagram-style handle.
            Optional<String> actor = BlueskyActor.normalize(line);
            if (actor.isPresent()) {
                return actor.map(Target::profile);
            }
        }
        if (line.startsWith("@") || line.startsWith("＠")) {
            return Mentions.normalize(line).map(Target::profile);
        }
        return Hashtags.normalize(line).map(Target::hashtag);
    }

    /** The platforms named after the target, Instagram when none is; empty when one is unknown. */
    private static Optional<List<Platform>> platforms(String[] words) {
        if (words.length == 1) {
            return Optional.of(List.of(Platform.INSTAGRAM));
        }
        List<Platform> platforms = new ArrayList<>();
        for (int w = 1; w < words.length; w++) {
            try {
                platforms.add(Platform.fromKey(words[w]));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }
        return Optional.of(platforms);
    }

    private static boolean isComment(String line) {
        return (line.startsWith("#") || line.startsWith("＃"))
                && (line.length() == 1 || Character.isWhitespace(line.codePointAt(1)));
    }
}
