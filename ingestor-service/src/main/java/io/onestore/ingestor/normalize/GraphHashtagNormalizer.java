package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.instagram.graph.GraphMediaPage;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A hashtag's Graph {@code top_media} and {@code recent_media} pages as one capture of the tag. The hashtag node has
 * no media count, so the tag snapshot's {@code media_count} stays absent; the media have no author, so neither do
 * the posts.
 */
public final class GraphHashtagNormalizer {

    public static final String SOURCE = SourceSettings.Mode.GRAPH.source();

    private final CaptureAssembler assembler;

    public GraphHashtagNormalizer(CaptureAssembler assembler) {
        this.assembler = assembler;
    }

    public CaptureBatch normalize(
            Target target, List<GraphMediaPage> topPages, List<GraphMediaPage> recentPages, Instant capturedAt) {
        List<PostFacts> facts = new ArrayList<>();
        List<JsonNode> unreadable = new ArrayList<>();
        for (List<GraphMediaPage> pages : List.of(topPages, recentPages)) {
            for (GraphMediaPage page : pages) {
                page.media().items().forEach(media -> facts.add(GraphMediaFacts.of(media, null)));
                unreadable.addAll(page.media().unreadable());
            }
        }
        return assembler.tag(target, capturedAt, SOURCE, null, facts, unreadable);
    }
}
