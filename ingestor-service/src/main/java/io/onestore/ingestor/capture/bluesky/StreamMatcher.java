package io.onestore.ingestor.capture.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.source.bluesky.JetstreamEvent;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.text.Hashtags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jetstream sends the whole network; matching happens here, client-side: a post is a watched hashtag's when one of its
 * tag facets ({@code app.bsky.richtext.facet#tag}, which clients write for every {@code #tag} and which may also carry
 * tags not shown in the text) or a {@code #tag} of its text normalises to the watched tag; it is a watched profile's
 * when its author (the commit's DID) is the profile's DID ({@link HandleResolver} turns a handle target into it).
 * Jetstream's {@code wantedDids} would filter by author on the server, but the hashtags need every author's posts,
 * so one subscription reads them all and both are matched here.
 */
public final class StreamMatcher {

    private static final String TAG_FACET = "app.bsky.richtext.facet#tag";

    private StreamMatcher() {}

    /** The watched hashtag targets each post event matched, in stream order. */
    public static Map<Target, List<JetstreamEvent>> match(List<JetstreamEvent> events, Set<String> watchedTags) {
        return match(events, watchedTags, Map.of());
    }

    /**
     * The watched hashtag and profile targets each post event matched, in stream order.
     *
     * @param watchedDids the DID of each watched Bluesky profile target
     */
    public static Map<Target, List<JetstreamEvent>> match(
            List<JetstreamEvent> events, Set<String> watchedTags, Map<String, Target> watchedDids) {
        Map<Target, List<JetstreamEvent>> matched = new LinkedHashMap<>();
        for (JetstreamEvent event : events) {
            if (!event.isPostCreate()) {
                continue;
            }
            Target profile = event.did() == null ? null : watchedDids.get(event.did());
            if (profile != null) {
                matched.computeIfAbsent(profile, t -> new ArrayList<>()).add(event);
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

    /**
     * What to index of {@code matched}: a post a profile matched that a hashtag matched too is indexed once, as the
     * hashtag's (so its {@code found_in_tags} names the tag); the rest as matched.
     */
    public static Map<Target, List<JetstreamEvent>> toIndex(Map<Target, List<JetstreamEvent>> matched) {
        Set<String> byTag = new HashSet<>();
        matched.forEach((target, posts) -> {
            if (target.kind() == TargetDocument.Kind.HASHTAG) {
                posts.forEach(p -> byTag.add(p.uri()));
            }
        });
        Map<Target, List<JetstreamEvent>> toIndex = new LinkedHashMap<>();
        matched.forEach((target, posts) -> {
            List<JetstreamEvent> kept = target.kind() == TargetDocument.Kind.HASHTAG
                    ? posts
                    : posts.stream().filter(p -> !byTag.contains(p.uri())).toList();
            if (!kept.isEmpty()) {
                toIndex.put(target, kept);
            }
        });
        return toIndex;
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
