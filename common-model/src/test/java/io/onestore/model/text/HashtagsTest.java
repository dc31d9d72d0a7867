package io.onestore.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HashtagsTest {

    static Stream<Arguments> captions() {
        return Stream.of(
                Arguments.of("Just do it #Nike #running", List.of("nike", "running")),
                Arguments.of("#BLM and #blm and #Blm are one tag", List.of("blm")),
                Arguments.of("Coffee at #Café", List.of("café")),
                // decomposed e + combining acute (NFD) is the same tag as the precomposed one
                Arguments.of("Coffee at #Cafe\u0301 and #CAFÉ", List.of("café")),
                Arguments.of("Tokyo nights #東京 #夜景", List.of("東京", "夜景")),
                Arguments.of("Arabic #رمضان_كريم", List.of("رمضان_كريم")),
                Arguments.of("Hindi #नमस्ते works with its marks", List.of("नमस्ते")),
                Arguments.of("chained #nike#justdoit#2024", List.of("nike", "justdoit")),
                Arguments.of("numbers only #2024 is not a tag but #2024goals is", List.of("2024goals")),
                Arguments.of("full-width ＃ナイキ sign", List.of("ナイキ")),
                Arguments.of("emoji stops a tag #fire🔥 and 🔥#nike starts one", List.of("fire", "nike")),
                Arguments.of("punctuation ends it: #nike, #adidas. #puma!", List.of("nike", "adidas", "puma")),
                Arguments.of("not in a word: abc#def or a url example.com/page#section", List.of()),
                Arguments.of("html entity &#39; is not a tag", List.of()),
                Arguments.of("snake_case #just_do_it", List.of("just_do_it")),
                Arguments.of("a lone # or ## is nothing", List.of()),
                Arguments.of("line\n#start of line", List.of("start")),
                // Issue 10: the keycap emoji #️⃣ (#, U+FE0F, U+20E3) is not a tag start, with or without U+FE0F.
                Arguments.of("#\uFE0F\u20E31 pick of the week #weeklypick", List.of("weeklypick")),
                Arguments.of("#\u20E3 and #\uFE0F\u20E3#\uFE0F\u20E3", List.of()),
                // A # followed only by a joiner, a combining mark or a variation selector makes no tag.
                Arguments.of("a # \u200D #\u200D #\u200C #\u0301 #\u20E3 #\uFE0F #\uDB40\uDD00 end", List.of()),
                Arguments.of("invisible start #\u200Dnike #\u0301nike", List.of()),
                // A body needs a letter: underscores, digits (of any script) or keycap digits are not enough.
                Arguments.of("#_ #__ #2024_ #\u0661\u0662\u0663 #1\uFE0F\u20E3", List.of()),
                Arguments.of("#_nike_ counts", List.of("_nike_")),
                // Variation selectors end a body; a trailing joiner joins nothing and is dropped.
                Arguments.of("#nike\uFE0F and #adidas\u200D and #puma\u200D\u200C!", List.of("nike", "adidas", "puma")),
                // Joiners inside a word stay: Persian needs ZWNJ, Indic scripts ZWJ.
                Arguments.of(
                        "#\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
                        List.of("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645")),
                Arguments.of("", List.of()),
                Arguments.of(null, List.of()));
    }

    @ParameterizedTest
    @MethodSource("captions")
    void extractsNormalisedDistinctTagsInOrder(String caption, List<String> expected) {
        assertThat(Hashtags.extract(caption)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> userInput() {
        return Stream.of(
                Arguments.of("#Nike", "nike"),
                Arguments.of("  nike ", "nike"),
                Arguments.of("＃NIKE", "nike"),
                Arguments.of("Cafe\u0301", "café"),
                Arguments.of("東京", "東京"));
    }

    @ParameterizedTest
    @MethodSource("userInput")
    void normalisesWhatAUserTypes(String input, String expected) {
        assertThat(Hashtags.normalize(input)).contains(expected);
    }

    @ParameterizedTest
    @MethodSource("invalidTags")
    void rejectsWhatCannotBeATag(String input) {
        assertThat(Hashtags.normalize(input)).isEmpty();
    }

    static Stream<String> invalidTags() {
        return Stream.of(
                null,
                "",
                "#",
                "2024",
                "two words",
                "nike!",
                "#a#b",
                // Issue 10: invisible or letterless strings are not accepted as targets or query hashtags either.
                "#\uFE0F\u20E3",
                "#\uFE0F\u20E31",
                "\u200D",
                "#\u200D",
                "#\u0301",
                "\uFE0F",
                "_",
                "#__",
                "#2024_",
                "\u200Dnike",
                "nike\uFE0F",
                "nike\u200D");
    }

    @ParameterizedTest
    @MethodSource("captions")
    void everyExtractedTagIsAcceptedAsUserInput(String caption, List<String> expected) {
        // One rule: what extraction stores, normalisation accepts unchanged.
        for (String tag : expected) {
            assertThat(Hashtags.normalize("#" + tag)).contains(tag);
        }
    }

    @Test
    void findGivesTheTagsAsWrittenWithTheirOffsets() {
        String text = "#\uFE0F\u20E31 pick #WeeklyPick and #WeeklyPick";
        assertThat(Hashtags.find(text))
                .containsExactly(
                        new Hashtags.Occurrence(10, 21, "WeeklyPick"), new Hashtags.Occurrence(26, 37, "WeeklyPick"));
    }
}
