package io.onestore.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MentionsTest {

    static Stream<Arguments> captions() {
        return Stream.of(
                Arguments.of("thanks @Nike and @adidas.originals!", List.of("nike", "adidas.originals")),
                Arguments.of("end of sentence @puma.", List.of("puma")),
                Arguments.of("mail me at someone@example.com", List.of()),
                Arguments.of("@NIKE @nike twice", List.of("nike")),
                Arguments.of("(@vans)", List.of("vans")),
                Arguments.of("@" + "a".repeat(31) + " is too long", List.of()),
                Arguments.of(null, List.of()));
    }

    @ParameterizedTest
    @MethodSource("captions")
    void extractsHandles(String caption, List<String> expected) {
        assertThat(Mentions.extract(caption)).containsExactlyElementsOf(expected);
    }
}
