package io.onestore.testsupport.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaServiceTest {

    @TempDir
    Path repo;

    @Test
    void picksTheBootJarNotItsPlainCompanion() throws Exception {
        Path target = Files.createDirectories(repo.resolve("query-api/target"));
        Files.createFile(target.resolve("query-api-0.1.0-SNAPSHOT-plain.jar"));
        Path boot = Files.createFile(target.resolve("query-api-0.1.0-SNAPSHOT.jar"));
        String before = System.getProperty("onestore.repo.root");
        System.setProperty("onestore.repo.root", repo.toString());
        try {
            assertThat(JavaService.jar("query-api"))
                    .isEqualTo(boot.toAbsolutePath().normalize());
            assertThatThrownBy(() -> JavaService.jar("simulator"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no simulator jar in")
                    .hasMessageContaining("-am");
        } finally {
            if (before == null) {
                System.clearProperty("onestore.repo.root");
            } else {
                System.setProperty("onestore.repo.root", before);
            }
        }
    }
}
