package io.onestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Complete capture of a busy tag with the real jars (docs/coverage.md): the simulator's one brand posts 20,000 an hour
 * (up to 1.6 times that in the evening) and its clock runs six times as fast as real time; 20 accounts of 200 calls a
 * (simulated) hour each and the default settings in simulated time ({@link BusyTagRig}). Between one interval after
 * the first capture and the last capture, the web and legacy ingestors must store at least 99 % of the truth's public
 * posts of the tag; every post the graph ingestor misses must lie in a recorded gap, and the history
 * {@code recent_media} cannot show must be an {@code api_window} gap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureCoverageE2ETest {

    static final int INTERVALS = 4;

    BusyTagRig rig;

    @BeforeAll
    void start() throws Exception {
        rig = new BusyTagRig(CaptureCoverageE2ETest.class, List.of("web", "legacy", "graph"), 20_000, 20, 6);
    }

    @AfterAll
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void webAndLegacyStoreAtLeast99PercentOfTheBusyTagAndGraphRecordsWhatItMisses() {
        Map<String, Instant> firstMark = rig.captureFor(INTERVALS);

        for (String mode : rig.modes) {
            JsonNode ledger = rig.ledger(mode);
            Instant from = firstMark.get(mode).plus(BusyTagRig.INTERVAL);
            Instant to = BusyTagRig.mark(ledger);
            JsonNode truth = rig.truth(from, to);
            long truthPosts = truth.path("public_posts").asLong();
            Set<String> stored = rig.storedIds(mode, from, to);
            System.out.printf(
                    "coverage %s: %d of %d posts (%.2f %%) in [%s, %s); ledger %s%n",
                    mode, stored.size(), truthPosts, 100.0 * stored.size() / truthPosts, from, to, ledger);
            assertThat(truthPosts)
                    .as("%s: the truth's posts in the window", mode)
                    .isGreaterThan(5_000);
            if (!mode.equals("graph")) {
                assertThat((double) stored.size() / truthPosts)
                        .as("%s: share of the truth stored", mode)
                        .isGreaterThanOrEqualTo(0.99);
                continue;
            }
            List<JsonNode> gaps = rig.gaps(mode);
            for (JsonNode post : truth.path("posts")) {
                if (!stored.contains("instagram:" + post.path("id").asText())) {
                    Instant at = Instant.parse(post.path("taken_at").asText());
                    assertThat(gaps)
                            .as("graph: post %s at %s was missed, so a gap must cover it", post.path("id"), at)
                            .anyMatch(gap -> covers(gap, at));
                }
            }
        }
        assertThat(rig.gaps("graph"))
                .as("graph: the history recent_media cannot show is an api_window gap")
                .anyMatch(gap -> gap.path("reason").asText().equals("api_window"));
    }

    /**
     * A gap covers a post time when the time is in its range, within the feed's disorder (2 s): the walk's mark is a
     * post time, and a post a second older than the mark may sit above it.
     */
    private static boolean covers(JsonNode gap, Instant at) {
        Instant from = Instant.parse(gap.path("from").asText()).minusSeconds(2);
        Instant to = Instant.parse(gap.path("to").asText()).plusSeconds(2);
        return !at.isBefore(from) && at.isBefore(to);
    }
}
