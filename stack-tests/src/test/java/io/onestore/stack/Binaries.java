package io.onestore.stack;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the system tools these tests drive (Debian's {@code nginx} and {@code docker-compose}). On a developer machine
 * without them a test is skipped with the reason; in CI ({@code CI=true}, where .ci/run installs them) it fails.
 */
final class Binaries {

    private Binaries() {}

    static Path require(String name, String debianPackage) {
        Optional<Path> binary = find(name);
        if (binary.isEmpty()) {
            String reason = name + " is not installed (apt-get install " + debianPackage + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason + ": CI must run this test; .ci/run installs it");
            }
            assumeTrue(false, reason + ": skipped outside CI");
        }
        return binary.get();
    }

    static Optional<Path> find(String name) {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        // nginx lives in /usr/sbin, which a normal user's PATH may lack.
        dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin"));
        return dirs.stream()
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
