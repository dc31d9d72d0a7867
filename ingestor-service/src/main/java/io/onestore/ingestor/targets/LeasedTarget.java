package io.onestore.ingestor.targets;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import java.util.List;

/**
 * A target this replica holds the lease of, with the sequence number and primary term of the lease write: the
 * completion is written only if nobody has touched the document since.
 */
public record LeasedTarget(TargetDocument document, long seqNo, long primaryTerm) {

    /** One fetch per platform; a target document without platforms means Instagram, the first platform. */
    public List<Target> targets() {
        return platformsOf(document).stream()
                .map(platform -> new Target(document.kind(), document.value(), platform))
                .toList();
    }

    /** The platforms a stored target is watched on; none stored means Instagram, the first platform. */
    public static List<Platform> platformsOf(TargetDocument document) {
        return document.platforms() == null || document.platforms().isEmpty()
                ? List.of(Platform.INSTAGRAM)
                : document.platforms();
    }

    public String id() {
        return document.id();
    }
}
