package io.onestore.simulator.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.SimulatorTestBase;
import io.onestore.simulator.world.Author;
import io.onestore.simulator.world.World;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/** The key paths of design.md §3 for the legacy and web shapes, read the way a normaliser reads them. */
class InstagramShapesTest extends SimulatorTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Autowired
    World world;

    JsonNode get(String uri, String... headers) {
        var spec = client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, bearer());
        for (int i = 0; i < headers.length; i += 2) {
            spec = spec.header(headers[i], headers[i + 1]);
        }
        byte[] body = spec.exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void legacyTagPage() {
        JsonNode hashtag = get("/explore/tags/nike/?__a=1").at("/graphql/hashtag");
        assertThat(hashtag.path("name").asText()).isEqualTo("nike");
        JsonNode media = hashtag.path("edge_hashtag_to_media");
        assertThat(media.path("count").asLong()).isGreaterThan(1_000_000);
        assertThat(media.at("/page_info/has_next_page").asBoolean()).isTrue();
        assertThat(media.at("/page_info/end_cursor").asText()).isNotBlank();
        assertThat(media.path("edges")).hasSize(24);
        assertThat(hashtag.at("/edge_hashtag_to_top_posts/edges")).hasSize(9);
        for (JsonNode edge : media.path("edges")) {
            JsonNode node = edge.path("node");
            assertThat(node.path("id").asText()).matches("\\d{19}");
            assertThat(node.path("shortcode").asText()).isNotBlank();
            assertThat(node.path("taken_at_timestamp").asLong()).isLessThanOrEqualTo(START.getEpochSecond());
            assertThat(node.at("/owner/id").asText()).matches("\\d+");
            assertThat(node.at("/edge_liked_by/count").isIntegralNumber()).isTrue();
            assertThat(node.at("/edge_media_preview_like/count").isIntegralNumber())
                    .isTrue();
            assertThat(node.at("/edge_media_to_comment/count").isIntegralNumber())
                    .isTrue();
            assertThat(node.path("is_video").isBoolean()).isTrue();
            assertThat(node.path("video_view_count").isMissingNode())
                    .isEqualTo(!node.path("is_video").asBoolean());
            JsonNode captions = node.at("/edge_media_to_caption/edges");
            assertThat(captions.isArray()).isTrue();
            if (!captions.isEmpty()) {
                assertThat(captions.at("/0/node/text").asText()).isNotBlank();
            }
        }
    }

    @Test
    void legacyFeedPagesWalkTheWholeFeedOnceNewestFirst() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        long previous = Long.MAX_VALUE;
        do {
            JsonNode media = get("/explore/tags/vans/?__a=1" + (cursor == null ? "" : "&max_id=" + cursor))
                    .at("/graphql/hashtag/edge_hashtag_to_media");
            for (JsonNode edge : media.path("edges")) {
                long takenAt = edge.at("/node/taken_at_timestamp").asLong();
                assertThat(takenAt).isLessThanOrEqualTo(previous);
                previous = takenAt;
                ids.add(edge.at("/node/id").asText());
            }
            cursor = media.at("/page_info/has_next_page").asBoolean()
                    ? media.at("/page_info/end_cursor").asText()
                    : null;
        } while (cursor != null);
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(ids.size()).isGreaterThan(1000);
    }

    @Test
    void hiddenLikesShowMinusOneOrThreeWithTheFlag() {
        Set<Long> hiddenValues = new HashSet<>();
        String cursor = null;
        for (int page = 0; page < 40; page++) {
            JsonNode media = get("/explore/tags/nike/?__a=1" + (cursor == null ? "" : "&max_id=" + cursor))
                    .at("/graphql/hashtag/edge_hashtag_to_media");
            for (JsonNode edge : media.path("edges")) {
                if (edge.at("/node/like_and_view_counts_disabled").asBoolean()) {
                    hiddenValues.add(edge.at("/node/edge_liked_by/count").asLong());
                }
            }
            cursor = media.at("/page_info/end_cursor").asText();
        }
        assertThat(hiddenValues).isNotEmpty().isSubsetOf(-1L, 3L);
    }

    @Test
    void legacyProfile() {
        JsonNode user = get("/nike/?__a=1").at("/graphql/user");
        assertThat(user.path("username").asText()).isEqualTo("nike");
        assertThat(user.path("is_verified").asBoolean()).isTrue();
        assertThat(user.at("/edge_followed_by/count").asLong()).isEqualTo(298_000_000L);
        assertThat(user.at("/edge_follow/count").isIntegralNumber()).isTrue();
        assertThat(user.at("/edge_owner_to_timeline_media/count").asLong()).isGreaterThan(1000);
        assertThat(user.at("/edge_owner_to_timeline_media/edges")).hasSize(12);
        assertThat(user.at("/edge_owner_to_timeline_media/edges/0/node/owner/id")
                        .asText())
                .isEqualTo(user.path("id").asText());
    }

    @Test
    void unknownProfileIs404() {
        client.get()
                .uri("/no.such.user.here/?__a=1")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void webTagInfo() {
        JsonNode data = get("/api/v1/tags/web_info/?tag_name=puma").path("data");
        assertThat(data.path("name").asText()).isEqualTo("puma");
        assertThat(data.path("media_count").asLong()).isGreaterThan(100_000);
        JsonNode sections = data.at("/recent/sections");
        assertThat(sections).isNotEmpty();
        assertThat(data.at("/recent/more_available").asBoolean()).isTrue();
        assertThat(data.at("/recent/next_max_id").asText()).isNotBlank();
        assertThat(data.at("/top/sections")).isNotEmpty();
        JsonNode media = sections.at("/0/layout_content/medias/0/media");
        assertThat(media.path("pk").asText()).matches("\\d{19}");
        assertThat(media.path("code").asText()).isNotBlank();
        assertThat(media.path("taken_at").asLong()).isPositive();
        assertThat(media.path("media_type").asInt()).isIn(1, 2, 8);
        assertThat(media.path("like_count").isIntegralNumber()).isTrue();
        assertThat(media.path("comment_count").isIntegralNumber()).isTrue();
        assertThat(media.at("/user/pk").asText()).matches("\\d+");
        assertThat(media.at("/user/username").asText()).isNotBlank();
        assertThat(media.has("caption")).isTrue();
    }

    @Test
    void webProfileNeedsTheAppIdHeader() {
        client.get()
                .uri("/api/v1/users/web_profile_info/?username=adidas")
                .header(HttpHeaders.AUTHORIZATION, bearer())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("useragent mismatch");
        JsonNode user = get("/api/v1/users/web_profile_info/?username=adidas", "x-ig-app-id", "936619743392459")
                .at("/data/user");
        assertThat(user.path("username").asText()).isEqualTo("adidas");
        assertThat(user.at("/edge_followed_by/count").asLong()).isEqualTo(29_600_000L);
        assertThat(user.at("/edge_owner_to_timeline_media/edges")).isNotEmpty();
    }

    @Test
    void privateProfilesShowCountsButNoPosts() {
        String handle = findPrivateHandle();
        JsonNode user = get("/api/v1/users/web_profile_info/?username=" + handle, "x-ig-app-id", "1")
                .at("/data/user");
        assertThat(user.path("is_private").asBoolean()).isTrue();
        assertThat(user.at("/edge_owner_to_timeline_media/edges")).isEmpty();
        assertThat(user.at("/edge_owner_to_timeline_media/count").asLong()).isPositive();
    }

    private String findPrivateHandle() {
        return world.authors().all().stream()
                .filter(Author::isPrivate)
                .findFirst()
                .orElseThrow()
                .username();
    }
}
