package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.onestore.ingestor.ContractIndices;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.GapReason;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Re-reading gaps through the ledger in a real Elasticsearch (docs/coverage.md, Re-reading gaps): a capture's order
 * names the newest open gap that can still be read, with its stored cursor; the capture that reads it writes it back
 * as filled, and the ledger counts one open gap less. An {@code api_window} gap is never offered.
 */
class CoverageBookGapsTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    static ContractIndices indices;
    static ElasticsearchClient client;
    static IndexNames names;

    @BeforeAll
    static void install() {
        indices = ContractIndices.install(CoverageBookGapsTest.class);
        client = indices.client();
        names = indices.names();
    }

    @AfterAll
    static void close() throws IOException {
        indices.close();
    }

    @Test
    void theNewestReadableGapIsOrderedWithItsCursorAndOnceReadItIsFilled() throws IOException {
        TargetDocument target =
                TargetDocument.watch(TargetDocument.Kind.HASHTAG, "nike", List.of(Platform.INSTAGRAM), List.of(), NOW);
        CoverageGapDocument older = gap(NOW.minus(Duration.ofHours(5)), GapReason.UPSTREAM_FAILURE, "older-cursor");
        CoverageGapDocument newer = gap(NOW.minus(Duration.ofHours(2)), GapReason.PAGE_BUDGET, "newer-cursor");
        CoverageGapDocument window = gap(NOW.minus(Duration.ofHours(1)), GapReason.API_WINDOW, null);
        new CoverageLedger(client, names).write(List.of(ledger(3)), List.of(older, newer, window));
        client.indices().refresh(r -> r.index(names.coverageGaps(), names.targetCoverage()));
        CoverageBook book = new CoverageBook(client, names, 100, Duration.ZERO, 20, Duration.ofDays(7), null);
        LeasedTarget leased = new LeasedTarget(target, 0, 1);

        CoverageBook.Orders orders = book.orders(List.of(leased), NOW);

        CoverageOrder order = orders.of(Target.hashtag("nike"));
        assertThat(order.gap()).as("the newest gap a feed can be paged back to").isEqualTo(newer);
        assertThat(order.gapRefill().cursor()).isEqualTo("newer-cursor");

        // The capture reads it to its start: the gap is kept, filled, and the ledger has one open gap less.
        FeedWalk live = new FeedWalk(ledger(3).highWaterMark(), 100, Duration.ZERO);
        live.accept(List.of(new TargetCoverageDocument.Mark(NOW.minusSeconds(60), "9")), false);
        CoverageUpdate.Capture capture =
                new CoverageUpdate.Capture(live.finish(), 1, null, 3, 4, null, false, newer.filled(NOW));
        book.record(orders, List.of(new CoverageBook.Walked(Target.hashtag("nike"), capture)), NOW, false);
        client.indices().refresh(r -> r.index(names.coverageGaps(), names.targetCoverage()));

        CoverageGapDocument stored = client.get(
                        g -> g.index(names.coverageGaps()).id(newer.id()), CoverageGapDocument.class)
                .source();
        assertThat(stored.status()).isEqualTo(CoverageGapDocument.Status.FILLED);
        assertThat(stored.closedAt()).isEqualTo(NOW);
        assertThat(stored.cursor()).isNull();
        assertThat(stored.from()).isEqualTo(newer.from());
        assertThat(stored.to()).isEqualTo(newer.to());
        TargetCoverageDocument ledger = new CoverageLedger(client, names)
                .read(List.of("hashtag:nike@instagram"))
                .get("hashtag:nike@instagram");
        assertThat(ledger.openGaps()).isEqualTo(2);

        // The next capture is offered the older one; the api_window gap never.
        assertThat(book.orders(List.of(leased), NOW).of(Target.hashtag("nike")).gap())
                .isEqualTo(older);
    }

    @Test
    void aStreamedTargetGetsNoOrderFromTheCycleItsLedgerIsTheStreams() throws IOException {
        TargetDocument target = TargetDocument.watch(
                TargetDocument.Kind.HASHTAG, "nike", List.of(Platform.INSTAGRAM, Platform.BLUESKY), List.of(), NOW);
        CoverageGapDocument streamGap = new CoverageGapDocument(
                "hashtag:nike",
                TargetDocument.Kind.HASHTAG,
                "nike",
                Platform.BLUESKY,
                NOW.minus(Duration.ofHours(3)),
                NOW.minus(Duration.ofHours(2)),
                GapReason.UPSTREAM_FAILURE,
                CoverageGapDocument.Status.OPEN,
                NOW.minus(Duration.ofMinutes(10)),
                null,
                null,
                null,
                null,
                "stream-cursor");
        new CoverageLedger(client, names).write(List.of(ledger(1, Platform.BLUESKY)), List.of(streamGap));
        client.indices().refresh(r -> r.index(names.coverageGaps(), names.targetCoverage()));
        CoverageBook book = new CoverageBook(client, names, 100, Duration.ZERO, 20, Duration.ofDays(7), null);

        CoverageBook.Orders orders = book.orders(List.of(new LeasedTarget(target, 0, 1)), NOW);

        // The stream reads Bluesky's posts and keeps its ledger; a cycle only snapshots, so it orders nothing there.
        assertThat(new Target(TargetDocument.Kind.HASHTAG, "nike", Platform.BLUESKY).readsPosts())
                .isFalse();
        assertThat(orders.byLedgerId()).doesNotContainKey("hashtag:nike@bluesky");
        assertThat(orders.previous()).doesNotContainKey("hashtag:nike@bluesky");
        assertThat(orders.byLedgerId()).containsKey("hashtag:nike@instagram");
    }

    /** A half-hour gap of #nike from {@code from}. */
    private static CoverageGapDocument gap(Instant from, GapReason reason, String cursor) {
        return new CoverageGapDocument(
                "hashtag:nike",
                TargetDocument.Kind.HASHTAG,
                "nike",
                Platform.INSTAGRAM,
                from,
                from.plus(Duration.ofMinutes(30)),
                reason,
                CoverageGapDocument.Status.OPEN,
                NOW.minus(Duration.ofMinutes(10)),
                null,
                50L,
                "pages=100",
                null,
                cursor);
    }

    private static TargetCoverageDocument ledger(int openGaps) {
        return ledger(openGaps, Platform.INSTAGRAM);
    }

    private static TargetCoverageDocument ledger(int openGaps, Platform platform) {
        return new TargetCoverageDocument(
                "hashtag:nike",
                TargetDocument.Kind.HASHTAG,
                "nike",
                platform,
                new TargetCoverageDocument.Mark(NOW.minus(Duration.ofMinutes(5)), "1"),
                NOW.minus(Duration.ofDays(7)),
                null,
                100.0,
                NOW.minus(Duration.ofMinutes(5)),
                null,
                null,
                10,
                10,
                openGaps,
                null,
                NOW.minus(Duration.ofMinutes(5)));
    }
}
