package io.onestore.query.coverage;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.request.TimeWindow;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The one way every answer gets its {@code coverage} block: reads the ledger the ingestor keeps (the targets,
 * {@code target-coverage}, {@code coverage-gaps}) for an answer's targets and window in three requests however many
 * targets there are (a fourth over every platform: the platforms the window holds the hashtags' posts on), and
 * measures it ({@link CoverageLedgers}). docs/coverage.md#the-coverage-block.
 */
@Service
public class CoverageService {

    /** Open gaps read per answer at most; past it the rest of the window counts as uncovered ({@code too_many_gaps}). */
    static final int MAX_GAPS_READ = 2000;

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Clock clock;

    public CoverageService(ElasticsearchClient client, IndexNames names, Clock clock) {
        this.client = client;
        this.names = names;
        this.clock = clock;
    }

    /** The coverage of some hashtags over a window, on every platform they are watched on. */
    public Coverage of(List<String> hashtags, TimeWindow window) throws IOException {
        return load(hashtagIds(hashtags), null, window).over(window.from(), window.to());
    }

    /**
     * The ledgers of some targets for a window, to measure it or parts of it.
     *
     * @param targetIds target ids ({@code hashtag:nike}, {@code profile:nike}), in the order the answer lists them
     * @param platforms the platforms the answer reads; null for all
     */
    public CoverageLedgers load(List<String> targetIds, Collection<Platform> platforms, TimeWindow window)
            throws IOException {
        List<String> ids = List.copyOf(new LinkedHashSet<>(targetIds));
        Instant now = clock.instant();
        if (ids.isEmpty()) {
            return new CoverageLedgers(List.of(), now, null);
        }
        Set<Platform> asked =
                platforms == null || platforms.isEmpty() ? EnumSet.allOf(Platform.class) : EnumSet.copyOf(platforms);
        Map<String, TargetDocument> targets = targets(ids);
        Map<String, Map<Platform, TargetCoverageDocument>> ledgers = ledgers(ids);
        Map<String, Set<Platform>> counted =
                platforms == null || platforms.isEmpty() ? postPlatforms(ids, window) : Map.of();
        Instant to = window.to().isAfter(now) ? now : window.to();
        Map<String, List<CoverageGapDocument>> gaps = new HashMap<>();
        Instant gapsReadUntil = null;
        if (window.from().isBefore(to)) {
            var response = client.search(
                    CoverageQuery.openGaps(names.coverageGaps(), ids, window.from(), to, MAX_GAPS_READ),
                    CoverageGapDocument.class);
            var hits = response.hits().hits();
            for (var hit : hits) {
                if (hit.source() != null) {
                    gaps.computeIfAbsent(hit.source().targetId(), k -> new ArrayList<>())
                            .add(hit.source());
                }
            }
            var total = response.hits().total();
            if (total != null && total.value() > hits.size() && !hits.isEmpty()) {
                gapsReadUntil = hits.get(hits.size() - 1).source().from();
            }
        }
        List<CoverageLedgers.Entry> entries = new ArrayList<>();
        for (String id : ids) {
            TargetDocument target = targets.get(id);
            Map<Platform, TargetCoverageDocument> own = ledgers.getOrDefault(id, Map.of());
            Set<Platform> watched = EnumSet.noneOf(Platform.class);
            if (target != null && target.platforms() != null) {
                watched.addAll(target.platforms());
            }
            Set<Platform> measured = EnumSet.copyOf(watched);
            measured.addAll(own.keySet());
            measured.addAll(counted.getOrDefault(id, Set.of()));
            measured.retainAll(asked);
            entries.add(new CoverageLedgers.Entry(id, measured, watched, own, gaps.getOrDefault(id, List.of())));
        }
        return new CoverageLedgers(entries, now, gapsReadUntil);
    }

    public static List<String> hashtagIds(List<String> hashtags) {
        return hashtags.stream()
                .map(tag -> TargetDocument.idOf(TargetDocument.Kind.HASHTAG, tag))
                .toList();
    }

    /** Per hashtag target id, the platforms the window holds posts of it on (docs/coverage.md#the-coverage-block). */
    private Map<String, Set<Platform>> postPlatforms(List<String> ids, TimeWindow window) throws IOException {
        String prefix = TargetDocument.Kind.HASHTAG.key() + ":";
        List<String> hashtags = ids.stream()
                .filter(id -> id.startsWith(prefix))
                .map(id -> id.substring(prefix.length()))
                .toList();
        if (hashtags.isEmpty()) {
            return Map.of();
        }
        var buckets = client.search(
                        CoverageQuery.postPlatforms(names.posts(), hashtags, window.from(), window.to()), Void.class)
                .aggregations()
                .get(CoverageQuery.TAGS)
                .filters()
                .buckets()
                .keyed();
        Map<String, Set<Platform>> found = new HashMap<>();
        buckets.forEach((tag, bucket) -> {
            Set<Platform> on = EnumSet.noneOf(Platform.class);
            bucket.aggregations().get(CoverageQuery.PLATFORMS).sterms().buckets().array().stream()
                    .map(platform -> Platform.fromKey(platform.key().stringValue()))
                    .forEach(on::add);
            found.put(prefix + tag, on);
        });
        return found;
    }

    private Map<String, TargetDocument> targets(List<String> ids) throws IOException {
        var response = client.mget(m -> m.index(names.targets()).ids(ids), TargetDocument.class);
        Map<String, TargetDocument> found = new HashMap<>();
        for (MultiGetResponseItem<TargetDocument> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                found.put(item.result().id(), item.result().source());
            }
        }
        return found;
    }

    private Map<String, Map<Platform, TargetCoverageDocument>> ledgers(List<String> ids) throws IOException {
        var hits = client.search(
                        CoverageQuery.ledgers(names.targetCoverage(), ids, ids.size() * Platform.values().length),
                        TargetCoverageDocument.class)
                .hits()
                .hits();
        Map<String, Map<Platform, TargetCoverageDocument>> byTarget = new HashMap<>();
        for (var hit : hits) {
            TargetCoverageDocument ledger = hit.source();
            if (ledger != null && ledger.platform() != null) {
                byTarget.computeIfAbsent(ledger.targetId(), k -> new EnumMap<>(Platform.class))
                        .put(ledger.platform(), ledger);
            }
        }
        return byTarget;
    }
}
