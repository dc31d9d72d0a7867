package io.onestore.ingestor.capture;

import io.onestore.model.document.Platform;

/** A {@link TargetFetcher} for the targets of one platform; {@link PlatformRouting} hands each target to its own. */
public interface PlatformTargetFetcher extends TargetFetcher {

    Platform platform();
}
