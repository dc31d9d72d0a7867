package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.instagram.web.WebMedia;
import io.onestore.ingestor.source.instagram.web.WebTagInfo;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.document.Author;
import io.onestore.model.document.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The web tag endpoint ({@code data{top, recent}}) as one capture of the tag; a post in both lists is one post. */
public final class WebTagNormalizer {

    public static final String SOURCE = SourceSettings.Mode.WEB.source();

    private final CaptureAssembler assembler;

    public WebTagNormalizer(CaptureAssembler assembler) {
        this.assembler = assembler;
    }

    public CaptureBatch normalize(Target target, WebTagInfo info, Instant capturedAt) {
        return normalize(target, List.of(info), capturedAt);
    }

    /** @param pages the pages read this cycle, first page first (its media count is the snapshot's) */
    public CaptureBatch normalize(Target target, List<WebTagInfo> pages, Instant capturedAt) {
        List<PostFacts> facts = new ArrayList<>();
        List<JsonNode> unreadable = new ArrayList<>();
        List<JsonNode> unknownSections = new ArrayList<>();
        for (WebTagInfo info : pages) {
            info.top().items().forEach(media -> facts.add(facts(media)));
            info.recent().items().forEach(media -> facts.add(facts(media)));
            unreadable.addAll(info.top().unreadable());
            unreadable.addAll(info.recent().unreadable());
            unknownSections.addAll(info.unknownSections());
        }
        Long mediaCount = pages.isEmpty() ? null : pages.get(0).mediaCount();
        CaptureBatch batch = assembler.tag(target, capturedAt, SOURCE, mediaCount, facts, unreadable);
        return CaptureAssembler.withUnknownLayouts(batch, unknownSections, SOURCE);
    }

    static PostFacts facts(WebMedia media) {
        MediaType type =
                switch (media.mediaType()) {
                    case 2 -> MediaType.VIDEO;
                    case 8 -> MediaType.CAROUSEL;
                    default -> MediaType.PHOTO;
                };
        Author author = media.userPk() == null
                ? null
                : new Author(media.userPk(), media.username(), media.fullName(), null, media.verified());
        return new PostFacts(
                media.pk(),
                PostFacts.permalink(media.code()),
                author,
                media.caption(),
                type,
                media.takenAt() == null ? null : Instant.ofEpochSecond(media.takenAt()),
                media.likeCount(),
                PostFacts.hiddenLikes(media.likeCount(), media.likesDisabled()),
                media.commentCount(),
                type == MediaType.VIDEO ? media.views() : null,
                media.raw());
    }
}
