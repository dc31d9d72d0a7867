package io.onestore.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every image is built from the repository root with {@code .dockerignore} applied: a source file it leaves out is
 * missing from the image build, which then fails (or, worse, builds something else) only where Docker runs. A package
 * named {@code target} fell under {@code **}{@code /target/} that way.
 */
class DockerIgnoreTest {

    @Test
    void noTrackedSourceFileIsLeftOutOfTheImageBuildContext() throws Exception {
        DockerIgnore ignore = DockerIgnore.parse(Repo.read(".dockerignore"));

        List<String> leftOut = trackedFiles().stream()
                .filter(DockerIgnoreTest::neededByTheImageBuild)
                .filter(ignore::excludes)
                .map(path -> path + " (by " + ignore.excludingRule(path) + ")")
                .toList();

        assertThat(leftOut)
                .as("files the image build needs but .dockerignore leaves out")
                .isEmpty();
    }

    @Test
    void readsPatternsAsDockerDoes() {
        DockerIgnore ignore = DockerIgnore.parse(String.join(
                "\n",
                "# build output",
                "**/target/",
                "*.log",
                ".env.*",
                "!.env.example",
                "docs/",
                "/kibana",
                "a/**/z",
                "!docs/keep.md"));

        // "**/target/" is cleaned to "**/target": the folder anywhere, and everything under it.
        assertThat(ignore.excludes("target/app.jar")).isTrue();
        assertThat(ignore.excludes("ingestor-service/target/classes/A.class")).isTrue();
        assertThat(ignore.excludes("m/src/main/java/io/x/target/Leases.java")).isTrue();
        assertThat(ignore.excludes("m/src/main/java/io/x/targets/Leases.java")).isFalse();
        assertThat(ignore.excludes("m/targetless/A.java")).isFalse();
        // '*' stops at '/', and patterns are anchored at the context root.
        assertThat(ignore.excludes("build.log")).isTrue();
        assertThat(ignore.excludes("logs/build.log")).isFalse();
        // An exception re-includes what an earlier line excluded; the last matching line wins.
        assertThat(ignore.excludes(".env.local")).isTrue();
        assertThat(ignore.excludes(".env.example")).isFalse();
        assertThat(ignore.excludes("docs/keep.md")).isFalse();
        assertThat(ignore.excludes("docs/other.md")).isTrue();
        assertThat(ignore.excludes("kibana/import.sh")).isTrue();
        // '**' in the middle spans zero or more folders.
        assertThat(ignore.excludes("a/z")).isTrue();
        assertThat(ignore.excludes("a/b/c/z/file")).isTrue();
        assertThat(ignore.excludes("b/a/z")).isFalse();
    }

    /** What the Dockerfiles copy: the Maven wrapper, every pom and every module's sources. */
    private static boolean neededByTheImageBuild(String path) {
        return path.equals("mvnw")
                || path.startsWith(".mvn/")
                || path.equals("pom.xml")
                || path.endsWith("/pom.xml")
                || path.contains("/src/");
    }

    private static List<String> trackedFiles() throws IOException, InterruptedException {
        assumeTrue(
                Files.isDirectory(Repo.file(".git")) || Files.isRegularFile(Repo.file(".git")),
                "not a git checkout: no tracked files to check");
        Process git = new ProcessBuilder("git", "ls-files", "-z")
                .directory(Repo.root().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(1, TimeUnit.MINUTES)).as("git ls-files finished").isTrue();
        assertThat(git.exitValue()).as("git ls-files exit code").isZero();
        List<String> files =
                List.of(out.split("\0")).stream().filter(s -> !s.isEmpty()).toList();
        assertThat(files).as("tracked files").isNotEmpty();
        return files;
    }
}
