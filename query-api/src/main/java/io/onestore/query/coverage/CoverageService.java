package io.onestore.query.coverage;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchItem;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.JsonpMapper;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.request.TimeWindow;
import io.onestore.query.web.StoreErrors;
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
 * {@code target-coverage}, {@code coverage-gaps}) for an answer's targets and window, and measures it
 * ({@link CoverageLedgers}). One {@code _msearch} round trip however many targets there are: the targets, their
 * ledgers, their open gaps, over every platform also the platforms the window holds the hashtags' posts on, and
 * optionally the answer's own search ({@link #loadWith}), which Elasticsearch then runs side by side with them.
 * docs/coverage.md#the-coverage-block.
 */
@Service
public class CoverageService {

    /** Open gaps read per answer at most; past it the rest of the window counts as uncovered ({@code too_many_gaps}). */
    static final int MAX_GAPS_READ = 2000;
    /** How a hashtag target id begins ({@code hashtag:nike}): the hashtags of an answer's targets. */
    private static final String HASHTAG_ID_PREFIX = TargetDocument.Kind.HASHTAG.key() + ":";

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
     * @throws IOException Elasticsearch unreachable
     * @throws RuntimeException a search Elasticsearch failed ({@link StoreErrors}: no Elasticsearch text in it)
     */
    public CoverageLedgers load(List<String> targetIds, Collection<Platform> platforms, TimeWindow window)
            throws IOException {
        return loadWith(null, targetIds, platforms, window).ledgers();
    }

    /** The ledgers of {@link #load} and the answer of one more search sent in the same {@code _msearch}. */
    public record Read(CoverageLedgers ledgers, MultiSearchItem<JsonData> search) {}

    /**
     * {@link #load}, with {@code search} (null: none) as the first item of the same {@code _msearch}: an answer that
     * needs one search of its own costs one round trip in all. Hits' sources come back as {@link JsonData} (a token
     * buffer, turned into a document without parsing the text again).
     */
    public Read loadWith(RequestItem search, List<String> targetIds, Collection<Platform> platforms, TimeWindow window)
            throws IOException {
        List<String> ids = List.copyOf(new LinkedHashSet<>(targetIds));
        Instant now = clock.instant();
        Set<Platform> asked =
                platforms == null || platforms.isEmpty() ? EnumSet.allOf(Platform.class) : EnumSet.copyOf(platforms);
        Instant to = window.to().isAfter(now) ? now : window.to();
        List<String> hashtags = platforms == null || platforms.isEmpty() ? hashtags(ids) : List.of();

        List<RequestItem> items = new ArrayList<>();
        if (search != null) {
            items.add(search);
        }
        int targetsAt = -1;
        int ledgersAt = -1;
        int gapsAt = -1;
        int platformsAt = -1;
        if (!ids.isEmpty()) {
            targetsAt = items.size();
            items.add(CoverageQuery.targetItem(names.targets(), ids));
            ledgersAt = items.size();
            items.add(CoverageQuery.ledgerItem(names.targetCoverage(), ids, ids.size() * Platform.values().length));
            if (window.from().isBefore(to)) {
                gapsAt = items.size();
                items.add(CoverageQuery.openGapItem(names.coverageGaps(), ids, window.from(), to, MAX_GAPS_READ));
            }
            if (!hashtags.isEmpty()) {
                platformsAt = items.size();
                items.add(CoverageQuery.postPlatformItem(names.posts(), hashtags, window.from(), window.to()));
            }
        }
        if (items.isEmpty()) {
            return new Read(new CoverageLedgers(List.of(), now, null), null);
        }
        List<MultiSearchResponseItem<JsonData>> answers =
                client.msearch(m -> m.searches(items), JsonData.class).responses();
        MultiSearchItem<JsonData> answer = search == null ? null : result(answers, 0);
        if (ids.isEmpty()) {
            return new Read(new CoverageLedgers(List.of(), now, null), answer);
        }
        JsonpMapper mapper = client._jsonpMapper();
        Map<String, TargetDocument> targets = targets(result(answers, targetsAt), mapper);
        Map<String, Map<Platform, TargetCoverageDocument>> ledgers = ledgers(result(answers, ledgersAt), mapper);
        Map<String, Set<Platform>> counted = platformsAt < 0 ? Map.of() : postPlatforms(result(answers, platformsAt));
        Map<String, List<CoverageGapDocument>> gaps = new HashMap<>();
        Instant gapsReadUntil = null;
        if (gapsAt >= 0) {
            var response = result(answers, gapsAt);
            var hits = response.hits().hits();
            CoverageGapDocument last = null;
            for (var hit : hits) {
                if (hit.source() != null) {
                    last = hit.source().to(CoverageGapDocument.class, mapper);
                    gaps.computeIfAbsent(last.targetId(), k -> new ArrayList<>())
                            .add(last);
                }
            }
            var total = response.hits().total();
            if (total != null && total.value() > hits.size() && last != null) {
                gapsReadUntil = last.from();
            }
        }
        List<CoverageLedgers.Entry> entries = new ArrayList<>();
        for (String id : ids) {
            TargetDocument target = targets.get(id);
            Map<Platform, TargetCoverageDocument> ownLedgers = ledgers.getOrDefault(id, Map.of());
            Set<Platform> watched = EnumSet.noneOf(Platform.class);
            if (target != null && target.platforms() != null) {
                watched.addAll(target.platforms());
            }
            Set<Platform> measured = EnumSet.copyOf(watched);
            measured.addAll(ownLedgers.keySet());
            measured.addAll(counted.getOrDefault(id, Set.of()));
            measured.retainAll(asked);
            entries.add(new CoverageLedgers.Entry(id, measured, watched, ownLedgers, gaps.getOrDefault(id, List.of())));
        }
        return new Read(new CoverageLedgers(entries, now, gapsReadUntil), answer);
    }

    public static List<String> hashtagIds(List<String> hashtags) {
        return hashtags.stream()
                .map(tag -> TargetDocument.idOf(TargetDocument.Kind.HASHTAG, tag))
                .toList();
    }

    /**
     * Item {@code at} of a multi-search answer; a failed item throws what a failed search would have answered (503
     * for the store's state, 500 for a request it refused), without Elasticsearch's text.
     */
    private static MultiSearchItem<JsonData> result(List<MultiSearchResponseItem<JsonData>> answers, int at) {
        MultiSearchResponseItem<JsonData> answer = answers.get(at);
        if (answer.isFailure()) {
            throw StoreErrors.of(answer.failure().error(), answer.failure().status(), "coverage read");
        }
        return answer.result();
    }

    private static List<String> hashtags(List<String> ids) {
        return ids.stream()
                .filter(id -> id.startsWith(HASHTAG_ID_PREFIX))
                .map(id -> id.substring(HASHTAG_ID_PREFIX.length()))
                .toList();
    }

    /** Per hashtag target id, the platforms the window holds posts of it on (docs/coverage.md#the-coverage-block). */
    private static Map<String, Set<Platform>> postPlatforms(MultiSearchItem<JsonData> response) {
        var buckets = response.aggregations()
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
            found.put(HASHTAG_ID_PREFIX + tag, on);
        });
        return found;
    }

    private static Map<String, TargetDocument> targets(MultiSearchItem<JsonData> response, JsonpMapper mapper) {
        Map<String, TargetDocument> found = new HashMap<>();
        for (Hit<JsonData> hit : response.hits().hits()) {
            if (hit.source() != null) {
                found.put(hit.id(), hit.source().to(TargetDocument.class, mapper));
            }
        }
        return found;
    }

    private static Map<String, Map<Platform, TargetCoverageDocument>> ledgers(
            MultiSearchItem<JsonData> response, JsonpMapper mapper) {
        Map<String, Map<Platform, TargetCoverageDocument>> byTarget = new HashMap<>();
        for (Hit<JsonData> hit : response.hits().hits()) {
            TargetCoverageDocument ledger =
                    hit.source() == null ? null : hit.source().to(TargetCoverageDocument.class, mapper);
            if (ledger != null && ledger.platform() != null) {
                byTarget.computeIfAbsent(ledger.targetId(), k -> new EnumMap<>(Platform.class))
                        .put(ledger.platform(), ledger);
            }
        }
        return byTarget;
    }
}
