package io.onestore.query.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.elastic.clients.elasticsearch._types.Refresh;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.request.TimeWindow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Now is 10-03T00:00. #nike is covered since 10-01T00:00 and captured until now, with an open page-budget gap of
 * 6 hours on 10-02 and a filled one; #puma is covered only since 10-02T12:00; #vans is not watched.
 */
class CoverageServiceTest {

    static final Instant NOW = Instant.parse("2026-10-03T00:00:00Z");

    static ContractIndices es;
    static CoverageService service;

    @BeforeAll
    static void setUp() throws Exception {
        es = ContractIndices.install(CoverageServiceTest.class);
        service = new CoverageService(es.client(), es.names(), Clock.fixed(NOW, ZoneOffset.UTC));
        ledger("nike", Instant.parse("2026-10-01T00:00:00Z"));
        ledger("puma", Instant.parse("2026-10-02T12:00:00Z"));
        gap("nike", "2026-10-02T06:00:00Z", "2026-10-02T12:00:00Z", CoverageGapDocument.Status.OPEN);
        gap("nike", "2026-10-01T06:00:00Z", "2026-10-01T12:00:00Z", CoverageGapDocument.Status.FILLED);
        es.client().indices().refresh(r -> r.index(es.names().prefix() + "*"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void theShareIsTheWindowLessTimeBeforeCoverageAndOpenGaps() throws Exception {
        Coverage coverage = service.of(
                List.of("nike", "puma", "vans"),
                new TimeWindow(Instant.parse("2026-10-02T00:00:00Z"), Instant.parse("2026-10-04T00:00:00Z")));

        // The window is measured up to now: one day.
        assertThat(coverage.to()).isEqualTo(NOW);
        Coverage.HashtagCoverage nike = coverage.hashtags().get(0);
        assertThat(nike.coveredShare()).isCloseTo(18 / 24.0, within(1e-9));
        assertThat(nike.gaps())
                .containsExactly(new Coverage.Gap(
                        Instant.parse("2026-10-02T06:00:00Z"), Instant.parse("2026-10-02T12:00:00Z"), "page_budget"));
        assertThat(coverage.hashtags().get(1).coveredShare()).isCloseTo(0.5, within(1e-9));
        assertThat(coverage.hashtags().get(2).coveredShare()).isZero();
        assertThat(coverage.hashtags().get(2).note()).isEqualTo("not_watched");
        assertThat(coverage.coveredShare()).isZero();
        assertThat(coverage.complete()).isFalse();
    }

    @Test
    void aWindowInsideCoverageWithoutGapsIsComplete() throws Exception {
        Coverage coverage = service.of(
                List.of("nike"),
                new TimeWindow(Instant.parse("2026-10-02T12:00:00Z"), Instant.parse("2026-10-02T18:00:00Z")));
        assertThat(coverage.complete()).isTrue();
        assertThat(coverage.coveredShare()).isEqualTo(1.0);
    }

    private static void ledger(String tag, Instant coveredSince) throws Exception {
        String target = TargetDocument.idOf(TargetDocument.Kind.HASHTAG, tag);
        var ledger = new TargetCoverageDocument(
                target,
                TargetDocument.Kind.HASHTAG,
                tag,
                Platform.INSTAGRAM,
                new TargetCoverageDocument.Mark(NOW.minusSeconds(30), "1"),
                coveredSince,
                null,
                100.0,
                NOW,
                null,
                null,
                10,
                10,
                1,
                null,
                NOW);
        es.client().index(i -> i.index(es.names().targetCoverage())
                .id(ledger.id())
                .document(ledger)
                .refresh(Refresh.True));
    }

    private static void gap(String tag, String from, String to, CoverageGapDocument.Status status) throws Exception {
        var gap = new CoverageGapDocument(
                TargetDocument.idOf(TargetDocument.Kind.HASHTAG, tag),
                TargetDocument.Kind.HASHTAG,
                tag,
                Platform.INSTAGRAM,
                Instant.parse(from),
                Instant.parse(to),
                GapReason.PAGE_BUDGET,
                status,
                NOW,
                null,
                600L,
                "pages=100");
        es.client().index(i -> i.index(es.names().coverageGaps()).id(gap.id()).document(gap));
    }
}
