package io.onestore.ingestor.source.instagram.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.json.ContractJson;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every media-bearing row layout public collectors read, and what counts as unknown. */
class WebSectionLayoutsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "grid medias[] | {\"medias\": [{\"media\": {\"pk\": \"1\"}}, {\"media\": {\"pk\": \"2\"}}]} | 1,2",
                "medias.items[] | {\"medias\": {\"items\": [{\"media\": {\"pk\": \"1\"}}]}} | 1",
                "clips row | {\"one_by_two_item\": {\"clips\": {\"items\": [{\"media\": {\"pk\": \"1\"}},"
                        + " {\"media\": {\"pk\": \"2\"}}]}}, \"fill_items\": [{\"media\": {\"pk\": \"3\"}},"
                        + " {\"media\": {\"pk\": \"4\"}}]} | 1,2,3,4",
                "one_by_two_item.medias.items[] | {\"one_by_two_item\": {\"medias\": {\"items\":"
                        + " [{\"media\": {\"pk\": \"1\"}}]}}} | 1",
                "one_by_two_items[] | {\"one_by_two_items\": [{\"clips\": {\"items\": [{\"media\": {\"pk\": \"1\"}}]}},"
                        + " {\"media\": {\"pk\": \"2\"}}]} | 1,2",
                "two_by_two channel | {\"two_by_two_item\": {\"channel\": {\"media\": {\"pk\": \"1\"}, \"title\":"
                        + " \"Reels\"}}, \"fill_items\": [{\"media\": {\"pk\": \"2\"}}]} | 1,2",
                "two_by_two igtv | {\"two_by_two_item\": {\"igtv\": {\"media\": {\"pk\": \"1\"}}}} | 1",
                "three_by_four clips | {\"three_by_four_item\": {\"clips\": {\"items\": [{\"media\": {\"pk\": \"1\"}}]}}} | 1",
                "one_by_one media | {\"one_by_one_item\": {\"media\": {\"pk\": \"1\"}}} | 1",
                "ad tile beside posts | {\"two_by_two_ad_item\": {\"ad\": {}}, \"fill_items\": [{\"media\": {\"pk\": \"1\"}}]} | 1"
            })
    void knownLayoutsGiveAllTheirMedia(String layout, String content, String pks) {
        WebSectionLayouts.Read read = read(content);

        assertThat(read.unknownSections()).isEmpty();
        assertThat(read.media()).extracting(m -> m.path("pk").asText()).containsExactly(pks.split(","));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "an unknown container | {\"carousel\": {\"cards\": [{\"media\": {\"pk\": \"1\"}}]}}",
                "an unknown container beside a known one | {\"medias\": [{\"media\": {\"pk\": \"1\"}}], \"strip\": []}",
                "a known container in an unknown shape | {\"one_by_two_item\": {\"reels\": [{\"media\": {\"pk\": \"1\"}}]}}",
                "fill_items that is not a list | {\"fill_items\": {\"media\": {\"pk\": \"1\"}}}",
                "no layout content | {}"
            })
    void otherShapesAreUnknownSectionsKeptWhole(String what, String content) {
        WebSectionLayouts.Read read = read(content);

        assertThat(read.media()).isEmpty();
        assertThat(read.unknownSections()).singleElement().satisfies(section -> assertThat(
                        section.path("layout_type").asText())
                .isEqualTo("some_layout"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"an item without media | {\"medias\": [{\"not_media\": {\"pk\": \"1\"}}]}"})
    void anItemWithoutMediaIsHandedOnWholeToBecomeAnUnreadableNode(String what, String content) {
        List<JsonNode> media = read(content).media();

        assertThat(media).singleElement().satisfies(item -> assertThat(item.has("not_media"))
                .isTrue());
    }

    private static WebSectionLayouts.Read read(String layoutContent) {
        try {
            JsonNode sections = ContractJson.mapper()
                    .readTree("[{\"layout_type\": \"some_layout\", \"layout_content\": " + layoutContent + "}]");
            return WebSectionLayouts.read(sections);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
