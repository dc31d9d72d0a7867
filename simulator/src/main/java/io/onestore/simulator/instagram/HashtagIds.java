package io.onestore.simulator.instagram;

import io.onestore.simulator.world.SeedMix;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Graph API hashtag ids: global and static like the real ones (the same tag has the same id in every world and
 * every run), so an ingestor may cache them across restarts of the simulator.
 */
@Component
class HashtagIds {

    // Filled by searches and by the world's tags; entries never change once made.
    private final Map<String, String> tagsById = new ConcurrentHashMap<>();

    static String idOf(String tag) {
        return String.format("17841%012d", Math.floorMod(SeedMix.of(tag), 1_000_000_000_000L));
    }

    String register(String tag) {
        String id = idOf(tag);
        tagsById.putIfAbsent(id, tag);
        return id;
    }

    Optional<String> tagOf(String id) {
        return Optional.ofNullable(tagsById.get(id));
    }
}
