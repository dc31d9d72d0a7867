package io.onestore.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the stack files live in, and the versions the build pins (passed in by surefire). */
final class Repo {

    private Repo() {}

    static Path root() {
        return Path.of(System.getProperty("onestore.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Elasticsearch version every test runs against: pom.xml's {@code onestore.es.version}. */
    static String elasticsearchVersion() {
        String version = System.getProperty("onestore.es.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("onestore.es.version is not set: run the tests through Maven");
        }
        return version;
    }
}
