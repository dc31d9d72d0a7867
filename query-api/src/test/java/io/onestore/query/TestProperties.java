package io.onestore.query;

import io.onestore.query.config.QueryApiProperties;
import java.time.Duration;
import java.util.List;

/** The defaults of application.yml, for tests that build services without Spring. */
public final class TestProperties {

    private TestProperties() {}

    public static QueryApiProperties defaults() {
        return new QueryApiProperties(
                new QueryApiProperties.Index("onestore-"),
                new QueryApiProperties.Security("", ""),
                new QueryApiProperties.Limits(20, 2000, 100, 10000, 200, Duration.ofSeconds(30), Duration.ofDays(7)),
                new QueryApiProperties.Influencers(100, 5, 12, List.of()),
                new QueryApiProperties.Spikes(7, 1.0, 3, 50),
                new QueryApiProperties.Coverage(0.95),
                new QueryApiProperties.Elasticsearch(50, 100));
    }
}
