package io.onestore.testsupport.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Elasticsearch distribution Maven fetched ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch}),
 * unpacked once per machine into a world-readable folder so that the unprivileged user it runs as can read it.
 * Several JVMs may ask at once (parallel builds, the local run): the unpack happens under a file lock into a scratch
 * folder that is renamed into place when complete, so nobody ever sees half a distribution.
 */
public final class ElasticsearchDistribution {

    /** The pom's {@code onestore.es.version}, filtered into a resource at build time. */
    public static final String DEFAULT_VERSION = pomVersion();

    private final Path zip;
    private final String version;
    private final Path installRoot;

    public ElasticsearchDistribution(Path zip, String version, Path installRoot) {
        this.zip = zip;
        this.version = version;
        this.installRoot = installRoot;
    }

    /** From {@code onestore.es.zip} / {@code onestore.es.version} (set by the build), else the local Maven repo. */
    public static ElasticsearchDistribution fromEnvironment() {
        String version = Settings.get("onestore.es.version", DEFAULT_VERSION);
        String zip = Settings.get("onestore.es.zip", null);
        Path zipPath = zip != null ? Path.of(zip) : defaultZip(version);
        Path root =
                Path.of(Settings.get("onestore.es.install-dir", System.getProperty("java.io.tmpdir") + "/onestore-es"));
        return new ElasticsearchDistribution(zipPath, version, root);
    }

    private static Path defaultZip(String version) {
        String repo = Settings.get("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        return Path.of(
                repo,
                "org/elasticsearch/distribution/integ-test-zip/elasticsearch",
                version,
                "elasticsearch-" + version + ".zip");
    }

    public String version() {
        return version;
    }

    /** The unpacked home ({@code bin/elasticsearch}, {@code config/}, …), unpacking it first if needed. */
    public Path home() {
        Path home = installRoot.resolve("elasticsearch-" + version);
        if (Files.isRegularFile(home.resolve(".complete"))) {
            return home;
        }
        if (!Files.isRegularFile(zip)) {
            throw new ElasticsearchStartException("Elasticsearch distribution not found at " + zip
                    + ": run the build through Maven (./mvnw verify), which fetches it, or set ONESTORE_ES_URL");
        }
        try {
            Files.createDirectories(installRoot);
            openUp(installRoot);
            try (FileChannel channel = FileChannel.open(
                            installRoot.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!Files.isRegularFile(home.resolve(".complete"))) {
                    unpack(home);
                }
            }
            return home;
        } catch (IOException e) {
            throw new ElasticsearchStartException("cannot unpack " + zip + " into " + installRoot + ": " + e, e);
        }
    }

    private void unpack(Path home) throws IOException {
        Path scratch = Files.createTempDirectory(installRoot, ".unpack-");
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().toList()) {
                Path target = scratch.resolve(entry.getName()).normalize();
                if (!target.startsWith(scratch)) {
                    throw new IOException("zip entry outside the archive root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path unpacked = scratch.resolve("elasticsearch-" + version);
        makeReadableByAll(unpacked);
        Files.writeString(unpacked.resolve(".complete"), zip.toString());
        deleteTree(home); // a half-written earlier attempt without its marker
        try {
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // unreachable under the lock, kept for a lock-less file system
        }
        deleteTree(scratch);
    }

    /** Java's zip reader drops Unix modes: restore them (scripts in bin/ executable, the rest readable by all). */
    private static void makeReadableByAll(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                boolean executable = Files.isDirectory(p)
                        || p.getParent().getFileName().toString().equals("bin");
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    static void openUp(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String pomVersion() {
        try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream("elasticsearch-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("elasticsearch-version.properties missing from test-support");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
