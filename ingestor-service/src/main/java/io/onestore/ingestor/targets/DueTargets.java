package io.onestore.ingestor.targets;

import co.elastic.clients.elasticsearch.core.search.Hit;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The targets one cycle found due, in the order they are served: campaign targets first (the planner serves them
 * first too), then the most overdue (due longest ago; a target never fetched is due since it was created). A cycle
 * takes pages of them, each no larger than the accounts can serve at that moment; what it does not take stays due in
 * Elasticsearch, untouched, for the next cycle. Not thread-safe: one cycle owns it.
 */
public final class DueTargets {

    private final LinkedList<Hit<TargetDocument>> waiting;

    DueTargets(List<Hit<TargetDocument>> due, Function<TargetDocument, Instant> dueSince) {
        List<Hit<TargetDocument>> ordered = new ArrayList<>(due);
        ordered.sort(Comparator.comparing((Hit<TargetDocument> hit) -> !campaign(hit.source()))
                .thenComparing(hit -> dueSince.apply(hit.source())));
        this.waiting = new LinkedList<>(ordered);
    }

    /** Targets still waiting to be leased this cycle. */
    public int size() {
        return waiting.size();
    }

    /**
     * Takes the next targets, in order, that the accounts can serve now: at most {@code page}, and on each limited
     * platform at most as many as it has calls. A target on a platform with no calls left is skipped and keeps its
     * place; one on no limited platform is always taken.
     */
    List<Hit<TargetDocument>> take(int page, CaptureCapacity capacity) {
        Map<Platform, Integer> left = new EnumMap<>(Platform.class);
        for (Platform platform : Platform.values()) {
            OptionalInt calls = capacity.callsAvailable(platform);
            if (calls.isPresent()) {
                left.put(platform, calls.getAsInt());
            }
        }
        List<Hit<TargetDocument>> taken = new ArrayList<>();
        var it = waiting.iterator();
        while (it.hasNext() && taken.size() < page) {
            Hit<TargetDocument> hit = it.next();
            List<Platform> platforms = LeasedTarget.platformsOf(hit.source());
            if (platforms.stream().allMatch(p -> left.getOrDefault(p, Integer.MAX_VALUE) > 0)) {
                platforms.forEach(p -> left.computeIfPresent(p, (k, n) -> n - 1));
                taken.add(hit);
                it.remove();
            }
        }
        return taken;
    }

    private static boolean campaign(TargetDocument document) {
        return document.campaignIds() != null && !document.campaignIds().isEmpty();
    }
}
