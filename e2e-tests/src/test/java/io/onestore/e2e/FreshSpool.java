package io.onestore.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * An empty spool folder for an ingestor of a test. The folders live under {@code target/e2e-logs}, which outlives a
 * run: a spool an earlier run left (writes still unacknowledged when its ingestor stopped) would be replayed into this
 * run's fresh indices, and stale posts or metrics documents would read as faults of this run.
 */
final class FreshSpool {

    private FreshSpool() {}

    /** Empties {@code dir} (when it exists) and answers its absolute path. */
    static String at(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return dir.toAbsolutePath().toString();
    }
}
