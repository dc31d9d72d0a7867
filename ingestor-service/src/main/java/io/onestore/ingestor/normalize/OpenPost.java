package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.document.Author;
import io.onestore.model.document.MediaType;
import io.onestore.model.document.Platform;
import java.time.Instant;
import java.util.List;

/**
 * What an open network (Mastodon, Bluesky) says about one post, before the shared rules turn it into documents. These
 * networks hide no counts, so there is no hidden-likes flag; a count they do not send is null, never 0.
 *
 * @param nativeId the post's network-wide id: a Mastodon status's canonical {@code uri} (the same on every server), a
 *     Bluesky record's {@code at://} URI
 * @param text plain text (Mastodon's HTML already turned into text)
 * @param tags the tags the network itself marked (Mastodon's {@code tags}, Bluesky's tag facets), not yet normalised
 * @param mentions handles the network marked as mentioned, lower case
 * @param raw the upstream JSON verbatim
 */
public record OpenPost(
        Platform platform,
        String nativeId,
        String url,
        Author author,
        String text,
        List<String> tags,
        List<String> mentions,
        MediaType mediaType,
        Instant publishedAt,
        Long likes,
        Long comments,
        Long shares,
        JsonNode raw) {}
