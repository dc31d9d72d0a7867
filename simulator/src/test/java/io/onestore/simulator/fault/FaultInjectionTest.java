package io.onestore.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.SimulatorTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

class FaultInjectionTest extends SimulatorTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    void faults(String json) {
        client.post()
                .uri("/__admin/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isOk();
    }

    EntityExchangeResult<byte[]> webTag() {
        return client.get()
                .uri("/api/v1/tags/web_info/?tag_name=nike")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectBody()
                .returnResult();
    }

    @Test
    void adminEndpointSetsShowsAndClears() {
        faults("{\"seed\":3,\"serverError\":0.25,\"pathPrefix\":\"/api/v1/\"}");
        client.get()
                .uri("/__admin/faults")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.seed")
                .isEqualTo(3)
                .jsonPath("$.serverError")
                .isEqualTo(0.25)
                .jsonPath("$.pathPrefix")
                .isEqualTo("/api/v1/");
        client.delete().uri("/__admin/faults").exchange().expectStatus().isNoContent();
        client.get()
                .uri("/__admin/faults")
                .exchange()
                .expectBody()
                .jsonPath("$.serverError")
                .isEqualTo(0.0);
    }

    @Test
    void serverErrors() {
        faults("{\"serverError\":1}");
        var result = webTag();
        assertThat(result.getStatus().is5xxServerError()).isTrue();
    }

    @Test
    void rateLimitStormInEachDialect() {
        faults("{\"rateLimit\":1}");
        var web = webTag();
        assertThat(web.getStatus().value()).isEqualTo(429);
        assertThat(web.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        client.get()
                .uri("/ig_hashtag_search?user_id=1&q=nike&access_token=" + token())
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isIn(400, 403))
                .expectBody()
                .jsonPath("$.error.code")
                .value(code -> assertThat(code).isIn(4, 17, 32, 613));
        client.get()
                .uri("/2/tweets/search/recent?query=%23nike")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("x-rate-limit-remaining", "0");
    }

    @Test
    void loginPageAsHtml() {
        faults("{\"loginHtml\":1}");
        var result = webTag();
        assertThat(result.getStatus().value()).isEqualTo(200);
        assertThat(result.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
        assertThat(new String(result.getResponseBody(), StandardCharsets.UTF_8)).contains("<title>Login • Instagram");
    }

    @Test
    void loginRedirect() {
        faults("{\"loginRedirect\":1}");
        var result = webTag();
        assertThat(result.getStatus().value()).isEqualTo(302);
        assertThat(result.getResponseHeaders().getLocation().toString())
                .startsWith("/accounts/login/?next=%2Fapi%2Fv1%2Ftags%2Fweb_info%2F");
        client.get()
                .uri("/accounts/login/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML);
    }

    @Test
    void pleaseWait() {
        faults("{\"pleaseWait\":1}");
        client.get()
                .uri("/nike/?__a=1")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("Please wait a few minutes before you try again.");
    }

    @Test
    void checkpointRequired() {
        faults("{\"checkpoint\":1}");
        client.get()
                .uri("/nike/?__a=1")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("checkpoint_required");
    }

    @Test
    void malformedAndTruncatedJsonDoNotParse() {
        faults("{\"malformedJson\":1}");
        byte[] malformed = webTag().getResponseBody();
        assertThat(new String(malformed, StandardCharsets.UTF_8)).startsWith("for (;;);{\"data\"");
        assertThatThrownBy(() -> MAPPER.readTree(malformed)).isInstanceOf(IOException.class);

        faults("{\"truncatedJson\":1}");
        var truncated = webTag();
        assertThat(truncated.getStatus().value()).isEqualTo(200);
        assertThat(truncated.getResponseHeaders().getContentLength()).isEqualTo(truncated.getResponseBody().length);
        assertThatThrownBy(() -> MAPPER.readTree(truncated.getResponseBody())).isInstanceOf(IOException.class);
    }

    @Test
    void latencyIsAdded() {
        faults("{\"latencyMs\":150}");
        long start = System.nanoTime();
        assertThat(webTag().getStatus().value()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void theSameSeedGivesTheSameFaultsInTheSameOrder() {
        String settings = "{\"seed\":11,\"serverError\":0.3,\"pleaseWait\":0.2,\"truncatedJson\":0.1}";
        faults(settings);
        List<Integer> first = statuses(30);
        faults(settings);
        List<Integer> second = statuses(30);
        assertThat(second).isEqualTo(first);
        assertThat(first).contains(200, 401).anyMatch(s -> s >= 500);
        faults(settings.replace("11", "12"));
        assertThat(statuses(30)).isNotEqualTo(first);
    }

    private List<Integer> statuses(int n) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statuses.add(webTag().getStatus().value());
        }
        return statuses;
    }

    @Test
    void pathPrefixLimitsTheFaultsAndOwnEndpointsAreSpared() {
        faults("{\"serverError\":1,\"pathPrefix\":\"/2/\"}");
        assertThat(webTag().getStatus().value()).isEqualTo(200);
        client.get()
                .uri("/2/tweets/search/recent?query=%23nike")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectStatus()
                .is5xxServerError();
        faults("{\"serverError\":1}");
        client.get().uri("/__truth/world").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }
}
