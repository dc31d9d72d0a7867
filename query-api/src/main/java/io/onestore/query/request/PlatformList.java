package io.onestore.query.request;

import io.onestore.model.document.Platform;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code platform} parameter: platform keys ({@code instagram}, {@code x}, …), comma-separated or repeated, any
 * case. Absent or blank means every platform (an empty list); an unknown key is a 400 naming the known ones.
 */
public final class PlatformList {

    private PlatformList() {}

    public static List<Platform> parse(List<String> raw) {
        Set<Platform> platforms = new LinkedHashSet<>();
        if (raw != null) {
            for (String item : raw) {
                for (String part : item.split(",")) {
                    if (!part.isBlank()) {
                        platforms.add(one(part));
                    }
                }
            }
        }
        return new ArrayList<>(platforms);
    }

    /** One platform key, refused with the list of known keys. */
    public static Platform one(String text) {
        try {
            return Platform.fromKey(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    ProblemType.INVALID_PARAMETER,
                    "'platform' must be one of "
                            + Arrays.stream(Platform.values())
                                    .map(Platform::key)
                                    .collect(Collectors.joining(", ")));
        }
    }
}
