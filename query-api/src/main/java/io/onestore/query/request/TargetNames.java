package io.onestore.query.request;

import io.onestore.model.text.Hashtags;
import io.onestore.model.text.Mentions;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;

/**
 * Hashtags and handles as a request names them, normalised exactly as the ingestor stores them, and bounded: a target
 * id ({@code hashtag:<tag>}) must fit Elasticsearch's 512-byte id limit, so a longer name is a 400 here rather than a
 * store error later. Instagram caps hashtags far lower; the bounds only keep every id storable.
 */
public final class TargetNames {

    /** The longest hashtag accepted, in characters after normalisation (at most 400 UTF-8 bytes). */
    public static final int MAX_HASHTAG_LENGTH = 100;
    /** The longest handle accepted: Instagram's 30 characters, as common-model's {@code Mentions} reads handles. */
    public static final int MAX_HANDLE_LENGTH = 30;

    private TargetNames() {}

    public static String hashtag(String raw) {
        String tag = raw == null ? null : Hashtags.normalize(raw).orElse(null);
        if (tag == null) {
            throw new ApiException(ProblemType.INVALID_HASHTAG, "'" + shown(raw) + "' is not a valid hashtag");
        }
        if (tag.length() > MAX_HASHTAG_LENGTH) {
            throw new ApiException(
                    ProblemType.INVALID_HASHTAG, "a hashtag may be at most " + MAX_HASHTAG_LENGTH + " characters long");
        }
        return tag;
    }

    /** {@code what} names the parameter or field in the problem's detail. */
    public static String handle(String raw, String what) {
        String handle = raw == null ? null : Mentions.normalize(raw).orElse(null);
        if (handle == null) {
            throw new ApiException(
                    ProblemType.INVALID_PARAMETER,
                    "'" + what + "' holds an invalid handle: letters, digits, '.' and '_', at most " + MAX_HANDLE_LENGTH
                            + " characters");
        }
        if (handle.length() > MAX_HANDLE_LENGTH) {
            throw new ApiException(
                    ProblemType.INVALID_PARAMETER, "a handle may be at most " + MAX_HANDLE_LENGTH + " characters long");
        }
        return handle;
    }

    /** A bounded echo of the caller's own input: never more than 50 characters back. */
    private static String shown(String raw) {
        String s = raw == null ? "" : raw.strip();
        return s.length() > 50 ? s.substring(0, 50) + "…" : s;
    }
}
