package io.onestore.ingestor.capture.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.text.Hashtags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jetstream sends the whole network; matching happens here, client-side: a post is a watched hashtag's when one of its
 * tag facets ({@code app.bsky.richtext.facet#tag}, which clients write for every {@code #tag} and which may also carry
 * tags not shown in the text) or a {@code #tag} of its text normalises to the watched tag.
 */
public final class StreamMatcher {

    private static final String TAG_FACET = "app.bsky.richtext.facet#tag";

    private StreamMatcher() {}

    /** The watched hashtag targets each post event matched, in stream order. */
    public static Map<Target, List<JetstreamEvent>> match(List<JetstreamEvent> events, Set<String> watchedTags) {
        Map<Target, List<JetstreamEvent>> matched = new LinkedHashMap<>();
        for (JetstreamEvent event : events) {
            if (!event.isPostCreate()) {
                continue;
            }
            for (String tag : tags(event.record())) {
                if (watchedTags.contains(tag)) {
                    matched.computeIfAbsent(
                                    new Target(TargetDocument.Kind.HASHTAG, tag, Platform.BLUESKY),
                                    t -> new ArrayList<>())
                            .add(event);
                }
            }
        }
        return matched;
    }

    /** The normalised tags of a post record: its tag facets and the {@code #tags} of its text. */
    public static Set<String> tags(JsonNode record) {
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                if (TAG_FACET.equals(feature.path("$type").asText())) {
                    Hashtags.normalize(feature.path("tag").asText("")).ifPresent(tags::add);
                }
            }
        }
        tags.addAll(Hashtags.extract(record.path("text").asText("")));
        return tags;
    }
}
