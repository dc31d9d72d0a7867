package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.config.SourceSettings;
import io.onestore.ingestor.source.instagram.MediaNode;
import io.onestore.ingestor.source.instagram.graph.GraphMedia;
import io.onestore.ingestor.source.instagram.web.WebMedia;

/**
 * The caption a stored post's {@code raw} payload carries, read by the payload record of the source that fetched it,
 * so that derived fields can be computed again from what upstream sent rather than from what an older normaliser
 * made of it.
 */
public final class RawCaption {

    private RawCaption() {}

    /**
     * @param source the document's {@code source} ({@code instagram-legacy|web|graph})
     * @param stored the caption stored beside the payload: the answer when there is no raw payload, its source is
     *     unknown or its record cannot read it
     * @return the payload's caption (null when the post has none)
     */
    public static String of(String source, JsonNode raw, String stored) {
        if (raw == null || !raw.isObject() || source == null) {
            return stored;
        }
        try {
            if (source.equals(SourceSettings.Mode.WEB.source())) {
                return WebMedia.from(raw).caption();
            }
            if (source.equals(SourceSettings.Mode.LEGACY.source())) {
                return MediaNode.from(raw).caption();
            }
            if (source.equals(SourceSettings.Mode.GRAPH.source())) {
                return GraphMedia.from(raw).caption();
            }
        } catch (RuntimeException unreadable) {
            // A payload its record cannot read (it was stored, so it was read once): keep to the stored caption.
        }
        return stored;
    }
}
