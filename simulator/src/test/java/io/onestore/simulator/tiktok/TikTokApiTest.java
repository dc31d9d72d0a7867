package io.onestore.simulator.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.SimulatorTestBase;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class TikTokApiTest extends SimulatorTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode query(String body) {
        return query(body, tiktokToken());
    }

    JsonNode query(String body, String token) {
        byte[] bytes = client.post()
                .uri(
                        "/v2/research/video/query/?fields=id,video_description,create_time,like_count,hashtag_names,username")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void cursorPagingUntilHasMoreIsFalse() {
        String template =
                """
                {"query":{"and":[{"operation":"IN","field_name":"hashtag_name","field_values":["vans"]}]},
                 "start_date":"20260309","end_date":"20260310","max_count":100,"cursor":%d%s}""";
        JsonNode first = query(template.formatted(0, ""));
        assertThat(first.at("/error/code").asText()).isEqualTo("ok");
        JsonNode video = first.at("/data/videos/0");
        assertThat(video.path("id").isIntegralNumber()).isTrue();
        assertThat(video.path("create_time").asLong()).isPositive();
        assertThat(video.path("hashtag_names").toString()).contains("vans");
        assertThat(video.path("username").asText()).isNotBlank();
        String searchId = first.at("/data/search_id").asText();
        Set<Long> ids = new HashSet<>();
        JsonNode page = first;
        int guard = 0;
        while (true) {
            page.at("/data/videos").forEach(v -> ids.add(v.path("id").asLong()));
            if (!page.at("/data/has_more").asBoolean() || ++guard > 20) {
                break;
            }
            page = query(template.formatted(page.at("/data/cursor").asInt(), ",\"search_id\":\"" + searchId + "\""));
            assertThat(page.at("/data/search_id").asText()).isEqualTo(searchId);
        }
        assertThat(page.at("/data/has_more").asBoolean()).isFalse();
        assertThat(ids.size()).isEqualTo(page.at("/data/cursor").asInt()).isGreaterThan(100);
    }

    @Test
    void missingTokenAndBadDates() {
        client.post()
                .uri("/v2/research/video/query/")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("access_token_invalid");
        client.post()
                .uri("/v2/research/video/query/")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tiktokToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":{},\"start_date\":\"2026-03-01\",\"end_date\":\"20260302\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("invalid_params");
    }

    @Test
    void aSearchIdPinsItsResultSetWhileTimeMovesOn() {
        String token = tiktokToken();
        String template =
                """
                {"query":{"and":[{"operation":"IN","field_name":"hashtag_name","field_values":["vans"]}]},
                 "start_date":"20260310","end_date":"20260310","max_count":10,"cursor":%d%s}""";
        JsonNode first = query(template.formatted(0, ""), token);
        String searchId = first.at("/data/search_id").asText();
        clock.set(START.plus(Duration.ofHours(3)));
        token = tiktokToken();
        JsonNode again = query(template.formatted(0, ",\"search_id\":\"" + searchId + "\""), token);
        assertThat(again.at("/data/videos").toString().replaceAll("\"like_count\":\\d+", ""))
                .isEqualTo(first.at("/data/videos").toString().replaceAll("\"like_count\":\\d+", ""));
        JsonNode fresh = query(template.formatted(0, ""), token);
        assertThat(fresh.at("/data/search_id").asText()).isNotEqualTo(searchId);
        assertThat(fresh.at("/data/videos/0/create_time").asLong())
                .isGreaterThan(first.at("/data/videos/0/create_time").asLong());
    }

    @Test
    void tokensExpireAfterTwoHoursAndUnknownSearchIdsAreRefused() {
        String token = tiktokToken();
        String body =
                """
                {"query":{"and":[{"operation":"IN","field_name":"hashtag_name","field_values":["vans"]}]},
                 "start_date":"20260310","end_date":"20260310","max_count":1%s}""";
        query(body.formatted(""), token);
        post(token, body.formatted(",\"search_id\":\"123\",\"cursor\":1"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("invalid_params");
        clock.set(START.plus(Duration.ofHours(2)));
        post(token, body.formatted(""))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("access_token_invalid");
    }

    @Test
    void theDailyRecordQuotaCapsPagesThenRefusesUntilMidnightUtc() {
        String client = "records-client";
        String body =
                """
                {"query":{"and":[{"operation":"IN","field_name":"hashtag_name","field_values":["nike"]}]},
                 "start_date":"20260309","end_date":"20260310","max_count":100}""";
        int served = 0;
        for (int i = 0; i < 3; i++) {
            served += query(body, tiktokToken(client)).at("/data/videos").size();
        }
        assertThat(served).isEqualTo(250);
        post(tiktokToken(client), body)
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("daily_quota_limit_exceeded");
        clock.set(Instant.parse("2026-03-11T00:00:01Z"));
        assertThat(query(body, tiktokToken(client)).at("/data/videos").size()).isEqualTo(100);
    }

    @Test
    void userInfoOfAPublicAccount() {
        client.post()
                .uri("/v2/research/user/info/?fields=display_name,follower_count,video_count")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tiktokToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"nike\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.follower_count")
                .isNumber()
                .jsonPath("$.data.video_count")
                .isNumber()
                .jsonPath("$.error.code")
                .isEqualTo("ok");
    }

    private WebTestClient.ResponseSpec post(String token, String body) {
        return client.post()
                .uri("/v2/research/video/query/")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
