package io.onestore.simulator.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.SimulatorTestBase;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class TikTokApiTest extends SimulatorTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode query(String body) {
        byte[] bytes = client.post()
                .uri(
                        "/v2/research/video/query/?fields=id,video_description,create_time,like_count,hashtag_names,username")
                .header(HttpHeaders.AUTHORIZATION, bearer())
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
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":{},\"start_date\":\"2026-03-01\",\"end_date\":\"20260302\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("invalid_params");
    }
}
