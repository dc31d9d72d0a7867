package io.onestore.query.coverage;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.request.TimeWindow;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Computes the {@code coverage} block of an answer from the ledger the ingestor keeps ({@code target-coverage},
 * {@code coverage-gaps}): for each hashtag, the window's part within {@code [coveredSince, lastCapture]} less its open
 * gaps, over the window up to now. Two requests per answer (one multi-get, one gap search), however many hashtags.
 */
@Service
public class CoverageService {

    /** Gaps read per answer at most; more than this many in one window is itself the story. */
    static final int MAX_GAPS = 500;

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Clock clock;

    CoverageService(ElasticsearchClient client, IndexNames names, Clock clock) {
        this.client = client;
        this.names = names;
        this.clock = clock;
    }

    public Coverage of(List<String> hashtags, TimeWindow window) throws IOException {
        Instant now = clock.instant();
        Instant to = window.to().isAfter(now) ? now : window.to();
        Instant from = window.from();
        Map<String, TargetCoverageDocument> ledgers = ledgers(hashtags);
        Map<String, List<CoverageGapDocument>> gaps = from.isBefore(to) ? gaps(hashtags, from, to) : Map.of();
        List<Coverage.HashtagCoverage> entries = new ArrayList<>();
        for (String tag : hashtags) {
            entries.add(entry(tag, ledgers.get(tag), gaps.getOrDefault(tag, List.of()), from, to));
        }
        double least = entries.stream()
                .mapToDouble(Coverage.HashtagCoverage::coveredShare)
                .min()
                .orElse(1);
        return new Coverage(from, to, least, least >= 1, entries);
    }

    static Coverage.HashtagCoverage entry(
            String tag, TargetCoverageDocument ledger, List<CoverageGapDocument> gaps, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return new Coverage.HashtagCoverage(tag, 1, null, null, List.of(), null);
        }
        if (ledger == null) {
            return new Coverage.HashtagCoverage(tag, 0, null, null, List.of(), "not_watched");
        }
        if (ledger.coveredSince() == null || ledger.lastCaptureAt() == null) {
            return new Coverage.HashtagCoverage(tag, 0, null, null, List.of(), "never_captured");
        }
        Instant start = max(from, ledger.coveredSince());
        Instant end = min(to, ledger.lastCaptureAt());
        List<Coverage.Gap> clipped = new ArrayList<>();
        long coveredMillis = Math.max(0, Duration.between(start, end).toMillis());
        // Gaps can overlap (a page-budget gap inside an outage): subtract their union, once.
        Instant cursor = start;
        List<CoverageGapDocument> sorted = new ArrayList<>(gaps);
        sorted.sort(Comparator.comparing(CoverageGapDocument::from));
        for (CoverageGapDocument gap : sorted) {
            Instant gapFrom = max(gap.from(), from);
            Instant gapTo = min(gap.to(), to);
            if (!gapFrom.isBefore(gapTo)) {
                continue;
            }
            clipped.add(new Coverage.Gap(gapFrom, gapTo, gap.reason().key()));
            Instant a = max(max(gapFrom, cursor), start);
            Instant b = min(gapTo, end);
            if (a.isBefore(b)) {
                coveredMillis -= Duration.between(a, b).toMillis();
            }
            cursor = max(cursor, gapTo);
        }
        double share =
                Math.max(0, coveredMillis) / (double) Duration.between(from, to).toMillis();
        return new Coverage.HashtagCoverage(
                tag, Math.min(1, share), ledger.coveredSince(), ledger.lastCaptureAt(), clipped, null);
    }

    private Map<String, TargetCoverageDocument> ledgers(List<String> hashtags) throws IOException {
        Map<String, String> idToTag = new HashMap<>();
        for (String tag : hashtags) {
            idToTag.put(ledgerId(tag), tag);
        }
        var response = client.mget(
                m -> m.index(names.targetCoverage()).ids(List.copyOf(idToTag.keySet())), TargetCoverageDocument.class);
        Map<String, TargetCoverageDocument> found = new HashMap<>();
        for (MultiGetResponseItem<TargetCoverageDocument> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                found.put(idToTag.get(item.result().id()), item.result().source());
            }
        }
        return found;
    }

    private Map<String, List<CoverageGapDocument>> gaps(List<String> hashtags, Instant from, Instant to)
            throws IOException {
        List<String> targetIds = hashtags.stream()
                .map(tag -> TargetDocument.idOf(TargetDocument.Kind.HASHTAG, tag))
                .toList();
        var hits = client.search(
                        CoverageGapsQuery.openGaps(names.coverageGaps(), targetIds, from, to, MAX_GAPS),
                        CoverageGapDocument.class)
                .hits()
                .hits();
        Map<String, List<CoverageGapDocument>> byTag = new HashMap<>();
        for (var hit : hits) {
            CoverageGapDocument gap = hit.source();
            if (gap != null) {
                byTag.computeIfAbsent(gap.value(), t -> new ArrayList<>()).add(gap);
            }
        }
        return byTag;
    }

    static String ledgerId(String hashtag) {
        return DocumentIds.targetCoverage(
                TargetDocument.idOf(TargetDocument.Kind.HASHTAG, hashtag), Platform.INSTAGRAM);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
