package io.onestore.simulator.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.simulator.config.SimulatorProperties;
import io.onestore.simulator.world.MediaKind;
import io.onestore.simulator.world.Post;
import io.onestore.simulator.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSectionsTest {

    private static final Instant ORIGIN = Instant.parse("2026-02-24T00:00:00Z");
    private static final long NOW = Instant.parse("2026-03-10T15:30:00Z").getEpochSecond();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Post> page = page();

    private static List<Post> page() {
        var settings = new SimulatorProperties.World(1500, Duration.ofDays(14), 0.08, 0.06, null);
        var campaign =
                new SimulatorProperties.Campaign("puma", "forevermore", Duration.ofDays(10), Duration.ofDays(3), 5);
        List<Post> feed = new World(7, settings, campaign, ORIGIN).tagFeed("nike", NOW);
        return feed.subList(0, 24);
    }

    @Test
    void clipsRowsCarryAReelBesideFourFillItemsAndEveryPostOnce() {
        assertThat(page).anyMatch(p -> p.kind() == MediaKind.VIDEO);
        JsonNode sections = JSON.valueToTree(WebSections.of(page, NOW, new SimulatorProperties.WebLayout(true, false)));

        List<String> layouts = new ArrayList<>();
        sections.forEach(s -> layouts.add(s.path("layout_type").asText()));
        assertThat(layouts).contains("media_grid").containsAnyOf("one_by_two_left", "one_by_two_right");
        JsonNode clipsRow = sections.findParent("one_by_two_item");
        assertThat(clipsRow.at("/one_by_two_item/clips/items")).hasSize(1);
        assertThat(clipsRow.at("/one_by_two_item/clips/items/0/media/media_type")
                        .asInt())
                .isEqualTo(2);
        assertThat(clipsRow.path("fill_items")).hasSize(4);
        assertThat(pks(sections))
                .containsExactlyInAnyOrderElementsOf(
                        page.stream().map(p -> String.valueOf(p.igId())).toList());
    }

    @Test
    void withoutClipsRowsThePageIsGridRowsOfThree() {
        JsonNode sections =
                JSON.valueToTree(WebSections.of(page, NOW, new SimulatorProperties.WebLayout(false, false)));
        assertThat(sections).hasSize(8);
        sections.forEach(s -> assertThat(s.at("/layout_content/medias")).hasSize(3));
    }

    @Test
    void anUnknownSectionHoldsThePagesLastRowInALayoutNoCollectorKnows() {
        JsonNode sections = JSON.valueToTree(WebSections.of(page, NOW, new SimulatorProperties.WebLayout(true, true)));
        JsonNode last = sections.get(sections.size() - 1);
        assertThat(last.path("layout_type").asText()).isEqualTo(WebSections.UNKNOWN_LAYOUT);
        assertThat(last.at("/layout_content/carousel/cards")).isNotEmpty();
        assertThat(last.at("/layout_content/medias").isMissingNode()).isTrue();
        assertThat(last.at("/layout_content/fill_items").isMissingNode()).isTrue();
    }

    /** Every media pk of every row, whichever layout carries it. */
    private static List<String> pks(JsonNode sections) {
        List<String> pks = new ArrayList<>();
        sections.forEach(
                s -> s.findValues("media").forEach(m -> pks.add(m.path("pk").asText())));
        return pks;
    }
}
