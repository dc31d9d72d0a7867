package io.onestore.ingestor.source.x;

import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.config.XSettings;
import java.net.URI;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** X settings for plain tests: the production defaults, short backoffs, and the given spend ceiling. */
public final class XTestSettings {

    private XTestSettings() {}

    public static XSettings of(String baseUrl, int maxPages, XSettings.Spend spend) {
        return new XSettings(
                true,
                URI.create(baseUrl),
                null,
                null,
                maxPages,
                100,
                Duration.ofSeconds(2),
                DataSize.ofMegabytes(8),
                new XSettings.Budget(450, Duration.ofMinutes(15)),
                Duration.ofMinutes(15),
                spend,
                new SourceSettings.Retry(3, Duration.ofMillis(10), 2.0),
                new SourceSettings.CircuitBreaker(50, 20, 10, Duration.ofSeconds(60)));
    }

    public static XSettings.Spend generous() {
        return new XSettings.Spend(10_000, 10_000, 2_000, 2_000, 2_000);
    }
}
