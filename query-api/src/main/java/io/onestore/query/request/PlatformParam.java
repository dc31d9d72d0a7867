package io.onestore.query.request;

import io.onestore.model.document.Platform;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;

/** A {@code platform} query parameter: one of the platforms' keys, else a 400 naming the choices. */
public final class PlatformParam {

    private PlatformParam() {}

    /** @throws ApiException {@code invalid-parameter} when {@code text} is no platform's key */
    public static Platform parse(String text) {
        try {
            return Platform.fromKey(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    ProblemType.INVALID_PARAMETER, "'platform' must be instagram, x, tiktok, bluesky or mastodon");
        }
    }
}
