package io.onestore.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
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
        return Stream.of(null, "", "#", "2024", "two words", "nike!", "#a#b");
    }
}
