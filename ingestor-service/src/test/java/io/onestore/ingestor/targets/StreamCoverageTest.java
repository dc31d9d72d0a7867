package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.ingestor.ContractIndices;
import io.onestore.model.document.DocumentIds;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetCoverageDocument.Mark;
import io.onestore.model.document.TargetDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stream's coverage ledgers against the real Elasticsearch. */
class StreamCoverageTest {

    static ContractIndices es;
    static CoverageLedger ledger;
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @BeforeAll
    static void install() {
        es = ContractIndices.install(StreamCoverageTest.class);
        ledger = new CoverageLedger(es.client(), es.names());
    }

    @AfterAll
    static void close() throws Exception {
        es.close();
    }

    /**
     * Regression: two stored cursors less than a millisecond apart made the rate infinite (posts / 0 hours), and
     * Elasticsearch refused the whole ledger write (seen in BlueskyProfileE2ETest's log).
     */
    @Test
    void cursorsMicrosecondsApartStillWriteAFiniteRate() throws Exception {
        StreamCoverage coverage =
                new StreamCoverage(ledger, Platform.BLUESKY, TargetDocument.Kind.PROFILE, Duration.ZERO);
        Instant first = T0.plusNanos(1_000);
        Instant second = T0.plusNanos(501_000);

        coverage.covered(Set.of("alice.bsky.social"), T0, first, T0);
        coverage.matched("alice.bsky.social", new Mark(second, "at://did:plc:alice/app.bsky.feed.post/3k"));
        coverage.covered(Set.of("alice.bsky.social"), T0, second, T0.plusSeconds(1));

        TargetCoverageDocument written = ledger.read(
                        List.of(DocumentIds.targetCoverage("profile:alice.bsky.social", Platform.BLUESKY)))
                .get(DocumentIds.targetCoverage("profile:alice.bsky.social", Platform.BLUESKY));
        assertThat(written.lastCaptureAt()).isEqualTo(second);
        assertThat(written.kind()).isEqualTo(TargetDocument.Kind.PROFILE);
        assertThat(written.ratePerHour()).isFinite().isPositive();
        assertThat(written.highWaterMark().postId()).isEqualTo("at://did:plc:alice/app.bsky.feed.post/3k");
    }
}
