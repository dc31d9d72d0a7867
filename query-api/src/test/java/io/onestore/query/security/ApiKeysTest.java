package io.onestore.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @Test
    void entriesWithAndWithoutScope(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# dashboards\nfile-key:read\n\nboth-file-key # ops\n");

        ApiKeys keys = ApiKeys.from(" a:read , b:write,c ", file.toString());

        assertThat(keys.size()).isEqualTo(5);
        assertThat(keys.scopesOf("a")).contains(EnumSet.of(Scope.READ));
        assertThat(keys.scopesOf("b")).contains(EnumSet.of(Scope.WRITE));
        assertThat(keys.scopesOf("c")).contains(EnumSet.allOf(Scope.class));
        assertThat(keys.scopesOf("file-key")).contains(EnumSet.of(Scope.READ));
        assertThat(keys.scopesOf("both-file-key")).contains(EnumSet.allOf(Scope.class));
        assertThat(keys.scopesOf("d")).isEmpty();
        assertThat(keys.scopesOf("")).isEmpty();
        assertThat(keys.scopesOf(null)).isEmpty();
    }

    @Test
    void aBadScopeFailsWithoutRepeatingTheEntry() {
        assertThatThrownBy(() -> ApiKeys.from("secret-part:admin", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("secret-part")
                .doesNotContain("admin");
    }

    @Test
    void noKeysAtAll() {
        assertThat(ApiKeys.from("", "").isEmpty()).isTrue();
        assertThat(ApiKeys.from(" , ", null).isEmpty()).isTrue();
    }
}
