package io.onestore.simulator.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.SimulatorTestBase;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Graph API shapes: search, recent/top media with cursor paging, business discovery, searched hashtags. */
class GraphApiTest extends SimulatorTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FIELDS = "id,caption,comments_count,like_count,media_type,permalink,timestamp";

    JsonNode get(String uri) {
        byte[] body = client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    String hashtagId(String tag) {
        return get("/v21.0/ig_hashtag_search?user_id=17841400000000001&q=" + tag + "&access_token=" + token())
                .at("/data/0/id")
                .asText();
    }

    @Test
    void hashtagIdsAreStaticAndTheVersionPrefixIsOptional() {
        String id = hashtagId("nike");
        assertThat(id).matches("17841\\d{12}");
        String again = get("/ig_hashtag_search?user_id=17841400000000002&q=%23Nike&access_token=" + token())
                .at("/data/0/id")
                .asText();
        assertThat(again).isEqualTo(id);
    }

    @Test
    void recentMediaPagesByCursorWithoutAuthors() {
        String id = hashtagId("adidas");
        List<String> ids = new ArrayList<>();
        String uri = "/v21.0/" + id + "/recent_media?user_id=1&limit=50&fields=" + FIELDS + "&access_token=" + token();
        JsonNode first = get(uri);
        JsonNode media = first.at("/data/0");
        assertThat(media.path("id").asText()).matches("\\d{19}");
        assertThat(media.path("media_type").asText()).isIn("IMAGE", "VIDEO", "CAROUSEL_ALBUM");
        assertThat(media.path("permalink").asText()).startsWith("https://www.instagram.com/p/");
        assertThat(media.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");
        assertThat(media.path("comments_count").isIntegralNumber()).isTrue();
        assertThat(first.path("data")).allSatisfy(m -> {
            assertThat(m.has("username")).isFalse();
            assertThat(m.has("owner")).isFalse();
        });
        assertThat(first.at("/paging/cursors/after").asText()).isNotBlank();
        JsonNode page = first;
        while (true) {
            page.path("data").forEach(m -> ids.add(m.path("id").asText()));
            if (!page.at("/paging/next").isTextual()) {
                break;
            }
            URI next = URI.create(page.at("/paging/next").asText());
            page = get(next.getRawPath() + "?"
                    + next.getRawQuery().replaceAll("access_token=[^&]+", "access_token=" + token()));
        }
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(ids.size()).isGreaterThan(50);
        long dayAgo = START.getEpochSecond() - 86_400;
        assertThat(ids).allSatisfy(i -> assertThat((Long.parseLong(i) >>> 23) / 1000 + 1_314_220_021L)
                .isGreaterThanOrEqualTo(dayAgo - 1));
    }

    @Test
    void topMediaAreTheMostLiked() {
        String id = hashtagId("puma");
        JsonNode top = get("/" + id + "/top_media?user_id=1&limit=50&fields=id,like_count&access_token=" + token());
        List<Long> likes = new ArrayList<>();
        top.path("data").forEach(m -> likes.add(m.path("like_count").asLong(-1)));
        assertThat(likes).isNotEmpty();
        List<Long> shown = likes.stream().filter(l -> l >= 0).toList();
        assertThat(shown).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void businessDiscovery() {
        JsonNode body = get("/v21.0/17841400000000001?fields=business_discovery.username(puma)"
                + "%7Bfollowers_count,follows_count,media_count,media.limit(3)%7Bid,like_count,timestamp,username%7D%7D"
                + "&access_token=" + token());
        JsonNode discovery = body.path("business_discovery");
        assertThat(body.path("id").asText()).isEqualTo("17841400000000001");
        assertThat(discovery.path("followers_count").asLong()).isEqualTo(12_400_000L);
        assertThat(discovery.path("follows_count").isIntegralNumber()).isTrue();
        assertThat(discovery.path("media_count").asLong()).isPositive();
        assertThat(discovery.at("/media/data")).hasSize(3);
        assertThat(discovery.at("/media/data/0/username").asText()).isEqualTo("puma");
    }

    @Test
    void theThirtyHashtagsQuotaIsPerUserAndTheEdgeListsThem() {
        String user = "17841499999999999";
        for (String tag : List.of("nike", "adidas", "puma", "nike")) {
            client.get()
                    .uri("/ig_hashtag_search?user_id=" + user + "&q=" + tag + "&access_token=" + token())
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        client.get()
                .uri("/ig_hashtag_search?user_id=" + user + "&q=vans&access_token=" + token())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(24);
        JsonNode searched = get("/" + user + "/recently_searched_hashtags?access_token=" + token());
        assertThat(searched.path("data")).hasSize(3);
        assertThat(searched.at("/data/0/id").asText()).isEqualTo(HashtagIds.idOf("nike"));
        clock.advance(Duration.ofDays(7));
        client.get()
                .uri("/ig_hashtag_search?user_id=" + user + "&q=vans&access_token=" + token())
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void unknownHashtagIdIsAGraphError() {
        client.get()
                .uri("/17841000000000000/recent_media?user_id=1&access_token=" + token())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo(100)
                .jsonPath("$.error.type")
                .isEqualTo("OAuthException");
    }
}
