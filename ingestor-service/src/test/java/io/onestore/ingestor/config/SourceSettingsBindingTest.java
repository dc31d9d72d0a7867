package io.onestore.ingestor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variables the README documents bind to {@code onestore.sources}, and the defaults hold. */
class SourceSettingsBindingTest {

    static SourceSettings bind(Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.get(env))
                .bindOrCreate("onestore", IngestorProperties.class)
                .sources();
    }

    @Test
    void environmentVariablesSetModeBaseUrlAndAccountsFile() {
        SourceSettings.Instagram instagram = bind(Map.of(
                        "ONESTORE_SOURCES_INSTAGRAM_MODE", "graph",
                        "ONESTORE_SOURCES_INSTAGRAM_BASE_URL", "http://localhost:8090/v21.0",
                        "ONESTORE_SOURCES_INSTAGRAM_ACCOUNTS_FILE", "/etc/onestore/accounts.txt"))
                .instagram();

        assertThat(instagram.mode()).isEqualTo(SourceSettings.Mode.GRAPH);
        assertThat(instagram.effectiveBaseUrl()).isEqualTo(URI.create("http://localhost:8090/v21.0"));
        assertThat(instagram.accountsFile()).isEqualTo(Path.of("/etc/onestore/accounts.txt"));
    }

    @Test
    void defaultsAreTheDocumentedBudgets() {
        SourceSettings.Instagram instagram = bind(Map.of()).instagram();

        assertThat(instagram.mode()).isEqualTo(SourceSettings.Mode.WEB);
        assertThat(instagram.effectiveBaseUrl()).isEqualTo(URI.create("https://www.instagram.com"));
        assertThat(instagram.accountsFile()).isNull();
        assertThat(instagram.budget().callsPerWindow()).isEqualTo(200);
        assertThat(instagram.budget().window()).isEqualTo(Duration.ofHours(1));
        assertThat(instagram.budget().hashtagsPerWindow()).isEqualTo(30);
        assertThat(instagram.budget().hashtagWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(instagram.maxPages()).isEqualTo(3);
        assertThat(SourceSettings.Mode.GRAPH.defaultBaseUrl().toString()).startsWith("https://graph.facebook.com/");
    }

    @Test
    void xIsOffUnlessEnabledAndItsEnvironmentVariablesBind() {
        XSettings off = bind(Map.of()).x();
        assertThat(off.enabled()).isFalse();
        assertThat(off.baseUrl()).isEqualTo(URI.create("https://api.x.com"));
        assertThat(off.maxResults()).isEqualTo(100);
        assertThat(off.budget().callsPerWindow()).isEqualTo(450);
        assertThat(off.budget().window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(off.spend().postsPerDay()).isEqualTo(10_000);

        XSettings on = bind(Map.of(
                        "ONESTORE_SOURCES_X_ENABLED", "true",
                        "ONESTORE_SOURCES_X_BASE_URL", "http://localhost:8090",
                        "ONESTORE_SOURCES_X_ACCOUNTS_FILE", "/etc/onestore/x-tokens.txt",
                        "ONESTORE_SOURCES_X_BEARER_TOKEN", "AAAA-s3cr3t-bearer",
                        "ONESTORE_SOURCES_X_SPEND_POSTS_PER_DAY", "500"))
                .x();
        assertThat(on.enabled()).isTrue();
        assertThat(on.baseUrl()).isEqualTo(URI.create("http://localhost:8090"));
        assertThat(on.accountsFile()).isEqualTo(Path.of("/etc/onestore/x-tokens.txt"));
        assertThat(on.spend().postsPerDay()).isEqualTo(500);
        assertThat(on.bearerToken()).isEqualTo("AAAA-s3cr3t-bearer");
        assertThat(on.toString()).as("the token never in a log line").doesNotContain("s3cr3t");
    }
}
