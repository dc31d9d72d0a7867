package io.onestore.simulator.limit;

import io.onestore.simulator.SimulatorTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Budgets of 5 per token in the shared test context (see {@link SimulatorTestBase}). */
class RateLimitTest extends SimulatorTestBase {

    @Test
    void instagramWebAnswers429WithRetryAfterAndResetsAfterTheWindow() {
        String token = token();
        for (int i = 0; i < 5; i++) {
            client.get()
                    .uri("/api/v1/tags/web_info/?tag_name=nike")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        clock.advance(Duration.ofMinutes(20));
        client.get()
                .uri("/explore/tags/nike/?__a=1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("Retry-After", "2400")
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("Please wait a few minutes before you try again.")
                .jsonPath("$.status")
                .isEqualTo("fail");
        // Another token has its own budget; the same token as a session cookie is the same budget.
        client.get()
                .uri("/explore/tags/nike/?__a=1")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectStatus()
                .isOk();
        client.get()
                .uri("/explore/tags/nike/?__a=1")
                .cookie("sessionid", token)
                .exchange()
                .expectStatus()
                .isEqualTo(429);
        clock.advance(Duration.ofMinutes(40));
        client.get()
                .uri("/explore/tags/nike/?__a=1")
                .cookie("sessionid", token)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anonymousRequestsShareOneSmallBudget() {
        for (int i = 0; i < 3; i++) {
            client.get().uri("/nike/?__a=1").exchange().expectStatus().isOk();
        }
        client.get().uri("/adidas/?__a=1").exchange().expectStatus().isEqualTo(429);
    }

    @Test
    void graphApiSaysCode17WithUsageHeaders() {
        String token = token();
        for (int i = 0; i < 5; i++) {
            client.get()
                    .uri("/v21.0/ig_hashtag_search?user_id=1&q=nike&access_token=" + token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .exists("X-App-Usage")
                    .expectHeader()
                    .exists("X-Business-Use-Case-Usage");
        }
        client.get()
                .uri("/v21.0/ig_hashtag_search?user_id=1&q=nike")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(17)
                .jsonPath("$.error.type")
                .isEqualTo("OAuthException")
                .jsonPath("$.error.is_transient")
                .isEqualTo(true);
        client.get()
                .uri("/v21.0/ig_hashtag_search?user_id=1&q=nike")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(2500);
    }

    @Test
    void xCountsDownItsHeadersAndSays429() {
        String token = "Bearer " + token();
        long reset = START.plus(Duration.ofMinutes(15)).getEpochSecond();
        for (int i = 0; i < 5; i++) {
            client.get()
                    .uri("/2/tweets/search/recent?query=%23nike")
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("x-rate-limit-limit", "5")
                    .expectHeader()
                    .valueEquals("x-rate-limit-remaining", String.valueOf(4 - i))
                    .expectHeader()
                    .valueEquals("x-rate-limit-reset", String.valueOf(reset));
        }
        client.get()
                .uri("/2/tweets/counts/recent?query=%23nike")
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("x-rate-limit-remaining", "0")
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Too Many Requests");
    }

    @Test
    void tiktokDailyQuota() {
        String token = "Bearer " + tiktokToken();
        String body =
                """
                {"query":{"and":[{"operation":"EQ","field_name":"username","field_values":["nike"]}]},
                 "start_date":"20260308","end_date":"20260310"}""";
        for (int i = 0; i < 5; i++) {
            client.post()
                    .uri("/v2/research/video/query/")
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        client.post()
                .uri("/v2/research/video/query/")
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("daily_quota_limit_exceeded");
    }

    @Test
    void ownEndpointsAreNeverLimited() {
        for (int i = 0; i < 10; i++) {
            client.get().uri("/__truth/profiles/nike").exchange().expectStatus().isOk();
        }
    }
}
