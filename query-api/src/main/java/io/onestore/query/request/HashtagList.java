package io.onestore.query.request;

import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The hashtags of a request, normalised exactly as the ingestor stored them ({@link TargetNames#hashtag}), so
 * {@code ?hashtags=#Nike,NIKE} is one tag. At least one, at most the configured maximum.
 */
public final class HashtagList {

    private HashtagList() {}

    public static List<String> parse(List<String> raw, int max) {
        Set<String> tags = new LinkedHashSet<>();
        if (raw != null) {
            for (String item : raw) {
                for (String part : item.split(",")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    tags.add(TargetNames.hashtag(part));
                }
            }
        }
        if (tags.isEmpty()) {
            throw new ApiException(ProblemType.MISSING_PARAMETER, "'hashtags' needs at least one hashtag");
        }
        if (tags.size() > max) {
            throw new ApiException(
                    ProblemType.TOO_MANY_HASHTAGS, "at most " + max + " hashtags per request, got " + tags.size());
        }
        return new ArrayList<>(tags);
    }
}
