package io.onestore.ingestor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** TikTok's settings: the documented variables bind, defaults are TikTok's limits, the secret never prints. */
class TikTokSettingsTest {

    @Test
    void offByDefaultWithTheApisLimitsAsDefaults() {
        TikTokSettings tiktok = SourceSettingsBindingTest.bind(Map.of()).tiktok();

        assertThat(tiktok.enabled()).isFalse();
        assertThat(tiktok.baseUrl()).isEqualTo(URI.create("https://open.tiktokapis.com"));
        assertThat(tiktok.maxCount()).isEqualTo(100);
        assertThat(tiktok.windowDays()).isEqualTo(30);
        assertThat(tiktok.requestsPerDay()).isEqualTo(1000);
        assertThat(tiktok.recordsPerDay()).isEqualTo(100_000);
        assertThat(tiktok.maxLookback()).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void theEnvironmentSetsTheClientAndToStringHidesIt() {
        TikTokSettings tiktok = SourceSettingsBindingTest.bind(Map.of(
                        "ONESTORE_SOURCES_TIKTOK_CLIENT_KEY", "key-123",
                        "ONESTORE_SOURCES_TIKTOK_CLIENT_SECRET", "secret-456",
                        "ONESTORE_SOURCES_TIKTOK_BASE_URL", "http://localhost:8090"))
                .tiktok();

        assertThat(tiktok.enabled()).isTrue();
        assertThat(tiktok.clientKey()).isEqualTo("key-123");
        assertThat(tiktok.baseUrl()).isEqualTo(URI.create("http://localhost:8090"));
        assertThat(tiktok.toString()).doesNotContain("key-123").doesNotContain("secret-456");
    }

    @Test
    void aKeyFileTurnsTheSourceOnOnlyWhenItExists(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "k\n");

        assertThat(enabled(Map.of("onestore.sources.tiktok.client-key-file", key.toString())))
                .isTrue();
        assertThat(enabled(Map.of(
                        "onestore.sources.tiktok.client-key-file",
                        dir.resolve("absent").toString())))
                .isFalse();
        assertThat(enabled(Map.of("onestore.sources.tiktok.client-key", "k"))).isTrue();
        assertThat(enabled(Map.of())).isFalse();
    }

    private static boolean enabled(Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        ConditionContext context = Mockito.mock(ConditionContext.class);
        Mockito.when(context.getEnvironment()).thenReturn(env);
        ConditionOutcome outcome = new TikTokEnabled().getMatchOutcome(context, null);
        return outcome.isMatch();
    }
}
