package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.instagram.legacy.LegacyTagPage;
import io.onestore.ingestor.targets.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The legacy tag feed ({@code graphql.hashtag}, one or more pages) as one capture of the tag. */
public final class LegacyTagNormalizer {

    public static final String SOURCE = SourceSettings.Mode.LEGACY.source();

    private final CaptureAssembler assembler;

    public LegacyTagNormalizer(CaptureAssembler assembler) {
        this.assembler = assembler;
    }

    /** @param pages the pages fetched this cycle, first page first (it alone carries the top posts) */
    public CaptureBatch normalize(Target target, List<LegacyTagPage> pages, Instant capturedAt) {
        List<PostFacts> facts = new ArrayList<>();
        List<JsonNode> unreadable = new ArrayList<>();
        for (LegacyTagPage page : pages) {
            page.top().items().forEach(node -> facts.add(MediaNodeFacts.of(node, null)));
            page.recent().items().forEach(node -> facts.add(MediaNodeFacts.of(node, null)));
            unreadable.addAll(page.top().unreadable());
            unreadable.addAll(page.recent().unreadable());
        }
        Long mediaCount = pages.isEmpty() ? null : pages.get(0).mediaCount();
        return assembler.tag(target, capturedAt, SOURCE, mediaCount, facts, unreadable);
    }
}
