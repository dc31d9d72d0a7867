package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.ingestor.capture.bluesky.ProfileViewNormalizer;
import io.onestore.ingestor.source.bluesky.AppViewClient;
import io.onestore.model.document.Platform;
import io.onestore.model.document.ProfileSnapshotDocument;
import java.time.Instant;
import java.util.Locale;

/**
 * AppView profiles into profile snapshots: {@code user_id} the DID (stable; the author id of the account's posts),
 * {@code username} the handle, lower case (a handle Bluesky could not verify is {@code handle.invalid}: the DID
 * stands in), {@code full_name} the display name, {@code followers}/{@code following}/{@code media_count} the
 * {@code followersCount}/{@code followsCount}/{@code postsCount}, each absent when the answer omits it, never 0.
 * Bluesky has no private accounts ({@code is_private} false); {@code verified} only when the answer carries
 * Bluesky's verification status.
 */
public final class BlueskyProfileNormalizer implements ProfileViewNormalizer {

    private static final String INVALID_HANDLE = "handle.invalid";

    @Override
    public ProfileSnapshotDocument snapshot(JsonNode view, Instant capturedAt) {
        String did = view.path("did").asText();
        String handle = view.path("handle").asText("").toLowerCase(Locale.ROOT);
        return new ProfileSnapshotDocument(
                Platform.BLUESKY,
                did,
                handle.isEmpty() || INVALID_HANDLE.equals(handle) ? did : handle,
                text(view.path("displayName")),
                count(view.path("followersCount")),
                count(view.path("followsCount")),
                count(view.path("postsCount")),
                view.path("verification").has("verifiedStatus")
                        ? "valid".equals(view.at("/verification/verifiedStatus").asText())
                        : null,
                false,
                capturedAt,
                AppViewClient.SOURCE,
                view);
    }

    private static Long count(JsonNode node) {
        return node.isIntegralNumber() ? node.asLong() : null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
