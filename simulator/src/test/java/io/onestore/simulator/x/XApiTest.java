package io.onestore.simulator.x;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.SimulatorTestBase;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class XApiTest extends SimulatorTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode get(String uri) {
        byte[] body = client.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .exists("x-rate-limit-remaining")
                .expectBody()
                .returnResult()
                .getResponseBody();
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void recentSearchShapeWithExpansionsAndPaging() {
        String uri = "/2/tweets/search/recent?query=%23vans&max_results=100"
                + "&tweet.fields=created_at,public_metrics,author_id,entities&expansions=author_id"
                + "&user.fields=public_metrics,verified";
        JsonNode body = get(uri);
        JsonNode tweet = body.at("/data/0");
        assertThat(tweet.path("id").asText()).matches("\\d{18,19}");
        assertThat(tweet.path("text").asText()).containsIgnoringCase("#vans");
        assertThat(tweet.path("created_at").asText()).endsWith(".000Z");
        assertThat(tweet.at("/public_metrics/like_count").isIntegralNumber()).isTrue();
        assertThat(tweet.at("/public_metrics/retweet_count").isIntegralNumber()).isTrue();
        assertThat(tweet.at("/entities/hashtags/0/tag").asText()).isNotBlank();
        Set<String> userIds = new HashSet<>();
        body.at("/includes/users").forEach(u -> userIds.add(u.path("id").asText()));
        body.path("data")
                .forEach(t -> assertThat(userIds).contains(t.path("author_id").asText()));
        assertThat(body.at("/includes/users/0/public_metrics/followers_count").isIntegralNumber())
                .isTrue();
        assertThat(body.at("/meta/result_count").asInt()).isEqualTo(100);
        String next = body.at("/meta/next_token").asText();
        assertThat(next).isNotBlank();
        JsonNode second = get(uri + "&next_token=" + next);
        assertThat(Long.parseLong(second.at("/data/0/id").asText()))
                .isLessThan(Long.parseLong(body.at("/meta/oldest_id").asText()));
    }

    @Test
    void defaultFieldsOnly() {
        JsonNode tweet = get("/2/tweets/search/recent?query=%23nike").at("/data/0");
        assertThat(tweet.has("id")).isTrue();
        assertThat(tweet.has("text")).isTrue();
        assertThat(tweet.has("edit_history_tweet_ids")).isTrue();
        assertThat(tweet.has("public_metrics")).isFalse();
    }

    @Test
    void countsAgreeWithSearch() {
        JsonNode counts = get("/2/tweets/counts/recent?query=%23puma%20%23forevermore&granularity=day");
        long total = counts.at("/meta/total_tweet_count").asLong();
        long sum = 0;
        for (JsonNode bucket : counts.path("data")) {
            sum += bucket.path("tweet_count").asLong();
            assertThat(bucket.path("start").asText()).endsWith("Z");
        }
        assertThat(sum).isEqualTo(total).isPositive();
    }

    @Test
    void badRequestsAndMissingToken() {
        client.get()
                .uri("/2/tweets/search/recent?query=%23nike&max_results=5")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Invalid Request");
        client.get()
                .uri("/2/tweets/search/recent?query=%23nike")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void sinceIdReadsOnlyNewerPosts() {
        JsonNode all = get("/2/tweets/search/recent?query=%23nike&max_results=100");
        String third = all.at("/data/2/id").asText();
        JsonNode newer = get("/2/tweets/search/recent?query=%23nike&max_results=100&since_id=" + third);
        assertThat(newer.at("/meta/result_count").asInt()).isEqualTo(2);
        assertThat(newer.at("/data/0/id").asText())
                .isEqualTo(all.at("/data/0/id").asText());
        assertThat(newer.at("/data/1/id").asText())
                .isEqualTo(all.at("/data/1/id").asText());
    }

    @Test
    void userByUsernameAndAnUnknownOne() {
        JsonNode nike = get("/2/users/by/username/nike?user.fields=public_metrics,verified");
        assertThat(nike.at("/data/username").asText()).isEqualTo("nike");
        assertThat(nike.at("/data/public_metrics/followers_count").asLong()).isPositive();
        assertThat(nike.at("/data/verified").isBoolean()).isTrue();

        JsonNode unknown = get("/2/users/by/username/nobody_here_at_all");
        assertThat(unknown.has("data")).isFalse();
        assertThat(unknown.at("/errors/0/title").asText()).isEqualTo("Not Found Error");
    }
}
