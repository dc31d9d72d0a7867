package io.onestore.e2e;

import static io.onestore.e2e.SimulatorToQueryApiE2ETest.count;
import static io.onestore.e2e.SimulatorToQueryApiE2ETest.search;
import static io.onestore.e2e.SimulatorToQueryApiE2ETest.term;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the X ingestor must hold after its first cycles against the simulator's X API, with the simulator's clock
 * pinned: the first walk of {@code #nike} reads one page, the 100 newest public posts of the last 7 days (by id, as X
 * pages), and later walks send that mark as {@code since_id} and find nothing newer; the tag snapshot's count is the
 * 7-day total; the profile is {@code @nike}'s; and what was bought is exactly that, however many cycles ran.
 */
final class XExpectations {

    private XExpectations() {}

    static void check(String simulator, String prefix, String ingestor, Instant now) {
        // Polled for long: on a loaded machine the ingestor installs its indices and reads its first 100 posts and
        // their authors minutes after it reports healthy.
        await("X posts, tag snapshot and profile snapshot")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    assertThat(count(prefix, "posts", term("platform", "x"))).isEqualTo(100);
                    assertThat(count(prefix, "tag-snapshots", term("platform", "x")))
                            .isPositive();
                    assertThat(count(prefix, "profile-snapshots", term("platform", "x")))
                            .isPositive();
                });

        // Two more captures after the first (each a counts call and one search): nothing new, nothing bought twice.
        await("three captures of #nike on X")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> search(prefix, "target-coverage", term("target_id", "hashtag:nike"), 1).stream()
                                .mapToLong(l -> l.path("calls_spent").asLong())
                                .sum()
                        >= 6);
        assertThat(count(prefix, "posts", term("platform", "x"))).isEqualTo(100);

        JsonNode truth = Json.get(simulator + "/__truth/tags/nike?from=" + now.minus(Duration.ofDays(7)) + "&to="
                        + now.plusSeconds(1))
                .body();
        List<JsonNode> newest = new ArrayList<>();
        truth.get("posts").forEach(newest::add);
        newest.sort(Comparator.comparing(
                        (JsonNode p) -> Long.parseLong(p.get("x_id").asText()))
                .reversed());
        Map<String, JsonNode> expected = newest.stream()
                .limit(100)
                .collect(Collectors.toMap(p -> p.get("x_id").asText(), p -> p));

        List<JsonNode> stored = search(prefix, "posts", term("platform", "x"), 1000);
        Set<String> storedIds =
                stored.stream().map(p -> p.get("native_id").asText()).collect(Collectors.toSet());
        assertThat(storedIds).as("the 100 newest #nike posts on X").isEqualTo(expected.keySet());
        Map<String, Long> authorsFollowers = new HashMap<>();
        for (JsonNode post : stored) {
            JsonNode truePost = expected.get(post.get("native_id").asText());
            assertThat(post.get("likes").asLong())
                    .as("likes")
                    .isEqualTo(truePost.get("likes").asLong());
            assertThat(post.get("comments").asLong())
                    .as("replies")
                    .isEqualTo(truePost.get("comments").asLong());
            assertThat(post.at("/author/username").asText())
                    .isEqualTo(truePost.get("author_username").asText());
            assertThat(post.get("hashtags").toString()).contains("\"nike\"");
            authorsFollowers.put(
                    post.at("/author/id").asText(), post.at("/author/followers").asLong());
        }
        assertThat(authorsFollowers.values())
                .as("X sends follower counts with every author")
                .allMatch(f -> f > 0);

        JsonNode snapshot =
                search(prefix, "tag-snapshots", term("platform", "x"), 1).get(0);
        assertThat(snapshot.get("media_count").asLong())
                .as("#nike's 7-day count on X")
                .isEqualTo(truth.get("public_posts").asLong());

        JsonNode profile =
                search(prefix, "profile-snapshots", term("platform", "x"), 1).get(0);
        JsonNode profileTruth = Json.get(simulator + "/__truth/profiles/nike").body();
        assertThat(profile.get("followers").asLong())
                .isEqualTo(profileTruth.get("followers").asLong());

        JsonNode spend = Json.get(ingestor + "/actuator/health/x").body();
        JsonNode nike = spend.at("/components/xSpend/details/targets/hashtag:nike");
        assertThat(nike.get("posts").asLong())
                .as("posts bought: the first page, nothing twice")
                .isEqualTo(100);
        assertThat(nike.get("users").asLong()).isEqualTo(authorsFollowers.size());
        assertThat(spend.at("/components/xAccounts/status").asText()).isEqualTo("UP");
    }
}
