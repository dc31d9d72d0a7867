package io.onestore.simulator;

import io.onestore.testsupport.time.TestClock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * One simulator context shared by every web test class (same properties, so Spring caches it): the clock pinned at
 * {@link #START}, small budgets so limits are reached in a handful of requests. Tests that are not about limits use
 * a fresh token per request ({@link #token()}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {
            "onestore.simulator.seed=7",
            "onestore.simulator.world.authors=1500",
            "onestore.simulator.limits.web.requests=5",
            "onestore.simulator.limits.web.window=1h",
            "onestore.simulator.limits.anonymous.requests=3",
            "onestore.simulator.limits.graph.calls-per-hour=5",
            "onestore.simulator.limits.graph.unique-hashtags=3",
            "onestore.simulator.limits.x.requests=5",
            "onestore.simulator.limits.tiktok.requests-per-day=5"
        })
@AutoConfigureWebTestClient
@Import(SimulatorTestBase.ClockConfig.class)
public abstract class SimulatorTestBase {

    public static final Instant START = Instant.parse("2026-03-10T15:30:00Z");
    public static final String[] SHARED_PROPERTIES = {
        "onestore.simulator.seed=7", "onestore.simulator.world.authors=1500"
    };

    private static final AtomicInteger TOKENS = new AtomicInteger();

    @Autowired
    private WebTestClient injectedClient;

    /** Sends URIs as written: tests spell out percent-encoding themselves, as an ingestor's client does. */
    protected WebTestClient client;

    @Autowired
    protected TestClock clock;

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfig {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(START);
        }
    }

    @BeforeEach
    void resetSimulator() {
        client = verbatim(injectedClient);
        clock.set(START);
        client.delete().uri("/__admin/faults").exchange().expectStatus().isNoContent();
        client.delete().uri("/__admin/limits").exchange().expectStatus().isNoContent();
    }

    protected static WebTestClient verbatim(WebTestClient client) {
        DefaultUriBuilderFactory factory = new DefaultUriBuilderFactory();
        factory.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.NONE);
        return client.mutate()
                .uriBuilderFactory(factory)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    protected static String token() {
        return "test-token-" + TOKENS.incrementAndGet();
    }

    protected static String bearer() {
        return "Bearer " + token();
    }
}
