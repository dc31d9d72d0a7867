package io.onestore.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.SimulatorTestBase;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The ground truth agrees with what the feeds show, so a test can compare the ingestor's store with it. */
class GroundTruthTest extends SimulatorTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode get(String uri, String... headers) {
        var spec = client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, bearer());
        for (int i = 0; i < headers.length; i += 2) {
            spec = spec.header(headers[i], headers[i + 1]);
        }
        try {
            return MAPPER.readTree(spec.exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult()
                    .getResponseBody());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTagsTruthIsExactlyWhatItsWebFeedShows() {
        Set<String> truth = new HashSet<>();
        JsonNode tag = get("/__truth/tags/%23Vans");
        tag.path("posts").forEach(p -> truth.add(p.path("id").asText()));
        assertThat(tag.path("public_posts").asInt()).isEqualTo(truth.size());
        assertThat(tag.path("private_posts").asInt()).isPositive();

        List<String> feed = new ArrayList<>();
        String cursor = null;
        long mediaCount = -1;
        do {
            JsonNode data = get("/api/v1/tags/web_info/?tag_name=vans" + (cursor == null ? "" : "&max_id=" + cursor))
                    .path("data");
            mediaCount = data.path("media_count").asLong();
            // Grid rows and clips rows (the reel and its fill items): every layout the web client renders.
            data.at("/recent/sections").forEach(s -> {
                JsonNode content = s.path("layout_content");
                content.path("medias").forEach(m -> feed.add(m.at("/media/pk").asText()));
                content.at("/one_by_two_item/clips/items")
                        .forEach(m -> feed.add(m.at("/media/pk").asText()));
                content.path("fill_items")
                        .forEach(m -> feed.add(m.at("/media/pk").asText()));
            });
            cursor = data.at("/recent/more_available").asBoolean()
                    ? data.at("/recent/next_max_id").asText()
                    : null;
        } while (cursor != null);
        assertThat(new HashSet<>(feed)).isEqualTo(truth);
        assertThat(mediaCount).isEqualTo(tag.path("media_count").asLong());
    }

    @Test
    void aWindowSelectsByPostTimeAndMetricsMatchTheFeed() {
        JsonNode window = get("/__truth/tags/nike?from=2026-03-10T14:00:00Z&to=2026-03-10T15:00:00Z");
        assertThat(window.path("posts")).isNotEmpty();
        window.path("posts")
                .forEach(p -> assertThat(p.path("taken_at").asText()).startsWith("2026-03-10T14:"));
        JsonNode truthPost = window.at("/posts/0");
        JsonNode feed = get("/explore/tags/nike/?__a=1").at("/graphql/hashtag/edge_hashtag_to_media/edges");
        JsonNode latest = get("/__truth/tags/nike?from=2026-03-10T15:00:00Z").at("/posts/0");
        assertThat(feed.at("/0/node/id").asText()).isEqualTo(latest.path("id").asText());
        long shownLikes = feed.at("/0/node/edge_liked_by/count").asLong();
        if (!latest.path("likes_hidden").asBoolean()) {
            assertThat(shownLikes).isEqualTo(latest.path("likes").asLong());
        }
        assertThat(feed.at("/0/node/edge_media_to_comment/count").asLong())
                .isEqualTo(latest.path("comments").asLong());
        assertThat(truthPost.path("hashtags").toString()).contains("nike");
    }

    @Test
    void metricsGrowAsTheClockMoves() {
        JsonNode before = get("/__truth/tags/adidas?from=2026-03-10T12:00:00Z&to=2026-03-10T13:00:00Z");
        clock.advance(Duration.ofHours(3));
        JsonNode after = get("/__truth/tags/adidas?from=2026-03-10T12:00:00Z&to=2026-03-10T13:00:00Z");
        assertThat(after.path("public_posts").asInt())
                .isEqualTo(before.path("public_posts").asInt());
        long likesBefore = 0;
        long likesAfter = 0;
        for (int i = 0; i < before.path("posts").size(); i++) {
            likesBefore += before.at("/posts/" + i + "/likes").asLong();
            likesAfter += after.at("/posts/" + i + "/likes").asLong();
        }
        assertThat(likesAfter).isGreaterThan(likesBefore);
    }

    @Test
    void aProfilesTruthMatchesItsPages() {
        JsonNode truth = get("/__truth/profiles/adidas");
        JsonNode user = get("/api/v1/users/web_profile_info/?username=adidas", "x-ig-app-id", "1")
                .at("/data/user");
        assertThat(user.at("/edge_owner_to_timeline_media/count").asLong())
                .isEqualTo(truth.path("media_count").asLong());
        assertThat(user.at("/edge_followed_by/count").asLong())
                .isEqualTo(truth.path("followers").asLong());
        List<String> shown = new ArrayList<>();
        user.at("/edge_owner_to_timeline_media/edges")
                .forEach(e -> shown.add(e.at("/node/id").asText()));
        List<String> recent = new ArrayList<>();
        truth.path("recent_post_ids").forEach(id -> recent.add(id.asText()));
        assertThat(shown).isEqualTo(recent);
    }

    @Test
    void anAuthorsLatestPostsAreTheOnesItsPageShowsWithTheirMetrics() {
        JsonNode truth = get("/__truth/profiles/adidas/posts");
        JsonNode user = get("/api/v1/users/web_profile_info/?username=adidas", "x-ig-app-id", "1")
                .at("/data/user");
        assertThat(truth.path("followers").asLong())
                .isEqualTo(user.at("/edge_followed_by/count").asLong());
        List<String> shown = new ArrayList<>();
        List<Long> comments = new ArrayList<>();
        user.at("/edge_owner_to_timeline_media/edges").forEach(e -> {
            shown.add(e.at("/node/id").asText());
            comments.add(e.at("/node/edge_media_to_comment/count").asLong());
        });
        List<String> truthIds = new ArrayList<>();
        List<Long> truthComments = new ArrayList<>();
        truth.path("posts").forEach(p -> {
            truthIds.add(p.path("id").asText());
            truthComments.add(p.path("comments").asLong());
        });
        assertThat(truthIds).isNotEmpty().isEqualTo(shown);
        assertThat(truthComments).isEqualTo(comments);
        assertThat(get("/__truth/profiles/adidas/posts?limit=3").path("posts")).hasSize(3);
    }

    @Test
    void worldParameters() {
        JsonNode world = get("/__truth/world");
        assertThat(world.path("seed").asLong()).isEqualTo(7);
        assertThat(world.path("origin").asText()).isEqualTo("2026-02-24T00:00:00Z");
        assertThat(world.at("/campaign/brand").asText()).isEqualTo("puma");
        assertThat(world.at("/campaign/start").asText()).isEqualTo("2026-03-06T00:00:00Z");
    }
}
