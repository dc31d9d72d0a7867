package io.onestore.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.testsupport.time.TestClock;
import java.io.IOException;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
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
            "onestore.simulator.limits.tiktok.requests-per-day=5",
            "onestore.simulator.limits.tiktok.records-per-day=250"
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

    /** A TikTok client access token from the simulator's token endpoint, for a client of its own. */
    protected String tiktokToken() {
        return tiktokToken("client-" + TOKENS.incrementAndGet());
    }

    protected String tiktokToken(String clientKey) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("client_key", clientKey);
        form.add("client_secret", "secret");
        form.add("grant_type", "client_credentials");
        byte[] body = client.post()
                .uri("/v2/oauth/token/")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        try {
            return new ObjectMapper().readTree(body).path("access_token").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
