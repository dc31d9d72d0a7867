package io.onestore.simulator.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.SimulatorTestBase;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Mastodon hashtag timeline: the Status shape, id paging both ways, and the rate-limit headers. */
class MastodonApiTest extends SimulatorTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode get(String uri) {
        byte[] body = client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .exists("X-RateLimit-Remaining")
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
    void theNewestPageHasMastodonsStatusShapeNewestFirst() {
        JsonNode page = get("/api/v1/timelines/tag/vans?limit=40");

        assertThat(page.size()).isEqualTo(40);
        JsonNode status = page.get(0);
        assertThat(status.path("uri").asText()).startsWith("https://" + StatusShapes.HOST + "/users/");
        assertThat(status.path("created_at").asText()).endsWith(".000Z");
        assertThat(status.path("content").asText()).startsWith("<p>");
        assertThat(status.at("/account/acct").asText()).isNotBlank();
        assertThat(status.path("favourites_count").isIntegralNumber()).isTrue();
        assertThat(status.path("tags").findValuesAsText("name")).contains("vans");
        List<Long> ids = ids(page);
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(Instant.parse(status.path("created_at").asText())).isBeforeOrEqualTo(clock.instant());
    }

    @Test
    void limitIsCappedAtFortyAndDefaultsToTwenty() {
        assertThat(get("/api/v1/timelines/tag/vans?limit=100").size()).isEqualTo(40);
        assertThat(get("/api/v1/timelines/tag/vans").size()).isEqualTo(20);
    }

    @Test
    void pagingForwardWithMinIdSeesEveryPostOnceAndBackWithMaxIdTheSame() {
        List<Long> newest = ids(get("/api/v1/timelines/tag/vans?limit=40"));
        long oldestOfPage = newest.get(newest.size() - 1);
        List<Long> older = ids(get("/api/v1/timelines/tag/vans?limit=40&max_id=" + oldestOfPage));
        assertThat(older).allMatch(id -> id < oldestOfPage).hasSize(40);

        // From the oldest of the older page forward, 10 at a time: the same 79 posts newer than it, none twice.
        long cursor = older.get(older.size() - 1);
        Set<Long> seen = new HashSet<>();
        List<Long> forward = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<Long> page = ids(get("/api/v1/timelines/tag/vans?limit=10&min_id=" + cursor));
            if (page.isEmpty()) {
                break;
            }
            assertThat(page).isSortedAccordingTo((a, b) -> Long.compare(b, a)).allMatch(seen::add);
            forward.addAll(page);
            cursor = page.get(0);
        }
        Set<Long> expected = new HashSet<>(newest);
        expected.addAll(older.subList(0, older.size() - 1));
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void everyAnswerCarriesTheRateLimitWithAnIsoReset() {
        String reset = client.get()
                .uri("/api/v1/timelines/tag/vans?limit=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-RateLimit-Limit", "300")
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-RateLimit-Reset");

        assertThat(Instant.parse(reset)).isAfter(clock.instant());
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.forEach(s -> ids.add(Long.parseLong(s.path("id").asText())));
        return ids;
    }
}
