package io.onestore.ingestor.capture.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.ingestor.normalize.Fixtures;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.json.ContractJson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Client-side matching of the recorded stream: hashtags by facet or text, profiles by the commit's DID. */
class StreamMatcherTest {

    static final String RUNNER = "did:plc:eygmaihciaxprqvxpfvl6flk";
    static final Target RUNNER_PROFILE =
            new Target(TargetDocument.Kind.PROFILE, "runner.bsky.social", Platform.BLUESKY);
    static final Target NIKE = new Target(TargetDocument.Kind.HASHTAG, "nike", Platform.BLUESKY);

    static List<JetstreamEvent> events() {
        return Fixtures.read("bluesky/jetstream-posts.jsonl")
                .lines()
                .map(line -> {
                    try {
                        return JetstreamEvent.of(ContractJson.mapper().readTree(line));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    @Test
    void aWatchedDidMatchesEveryPostItAuthorsWhateverItsTags() {
        List<JetstreamEvent> events = events();
        List<String> authored = events.stream()
                .filter(e -> e.isPostCreate() && RUNNER.equals(e.did()))
                .map(JetstreamEvent::uri)
                .toList();

        Map<Target, List<JetstreamEvent>> matched =
                StreamMatcher.match(events, Set.of(), Map.of(RUNNER, RUNNER_PROFILE));

        assertThat(authored).isNotEmpty();
        assertThat(matched.keySet()).containsExactly(RUNNER_PROFILE);
        assertThat(matched.get(RUNNER_PROFILE)).extracting(JetstreamEvent::uri).isEqualTo(authored);
    }

    @Test
    void aPostOfAWatchedProfileWithAWatchedTagIsIndexedOnceAsTheTags() {
        Map<Target, List<JetstreamEvent>> matched =
                StreamMatcher.match(events(), Set.of("nike"), Map.of(RUNNER, RUNNER_PROFILE));

        Map<Target, List<JetstreamEvent>> toIndex = StreamMatcher.toIndex(matched);

        List<String> byTag = toIndex.get(NIKE).stream().map(JetstreamEvent::uri).toList();
        assertThat(matched.get(RUNNER_PROFILE)).anyMatch(e -> byTag.contains(e.uri()));
        assertThat(toIndex.getOrDefault(RUNNER_PROFILE, List.of())).noneMatch(e -> byTag.contains(e.uri()));
        assertThat(toIndex.values().stream().flatMap(List::stream).map(JetstreamEvent::uri))
                .doesNotHaveDuplicates();
    }
}
