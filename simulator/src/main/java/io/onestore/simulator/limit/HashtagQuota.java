package io.onestore.simulator.limit;

import io.onestore.simulator.config.SimulatorProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The Graph API's "30 unique hashtags per rolling 7 days" per Instagram user: a hashtag counts from its first search
 * for the window; searching it again in the window is free.
 */
@Component
public class HashtagQuota {

    private final int limit;
    private final long windowSeconds;
    // Per user: hashtag -> first search (epoch second). Guarded by compute() on the outer map.
    private final Map<String, Map<String, Long>> searches = new ConcurrentHashMap<>();

    HashtagQuota(SimulatorProperties properties) {
        this.limit = properties.limits().graph().uniqueHashtags();
        this.windowSeconds = properties.limits().graph().hashtagWindow().toSeconds();
    }

    /** Records a search; false when the tag would be the user's 31st in the window. */
    public boolean tryRecord(String user, String tag, long now) {
        boolean[] allowed = {true};
        searches.compute(user, (u, tags) -> {
            Map<String, Long> current = prune(tags, now);
            if (!current.containsKey(tag)) {
                if (current.size() >= limit) {
                    allowed[0] = false;
                } else {
                    current.put(tag, now);
                }
            }
            return current;
        });
        return allowed[0];
    }

    /** The user's hashtags that still count, in the order first searched. */
    public List<String> recent(String user, long now) {
        Map<String, Long> current = searches.computeIfPresent(user, (u, tags) -> prune(tags, now));
        return current == null ? List.of() : new ArrayList<>(current.keySet());
    }

    public void clear() {
        searches.clear();
    }

    private Map<String, Long> prune(Map<String, Long> tags, long now) {
        Map<String, Long> kept = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((tag, first) -> {
                if (now - first < windowSeconds) {
                    kept.put(tag, first);
                }
            });
        }
        return kept;
    }
}
