package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.onestore.ingestor.ContractIndices;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planner wired to the ledger in a real Elasticsearch: rates read from {@code target-coverage}, the plan written
 * back where the query API reads it, and the intervals handed to the leases.
 */
class CapturePlanningTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    static ContractIndices indices;
    static ElasticsearchClient client;
    static IndexNames names;

    @BeforeAll
    static void install() {
        indices = ContractIndices.install(CapturePlanningTest.class);
        client = indices.client();
        names = indices.names();
    }

    @AfterAll
    static void close() throws IOException {
        indices.close();
    }

    @Test
    void aBudgetTooSmallNamesTheUnderCoveredTargetsInTheLedgerAndServesTheCampaignFirst() throws IOException {
        target("campaign", List.of("c1"));
        target("other", List.of());
        target("quiet", List.of());
        ledger("campaign", 20_000.0);
        ledger("other", 20_000.0);
        ledger("quiet", 6.0);
        client.indices().refresh(r -> r.index(names.targets(), names.targetCoverage()));
        TargetLeases leases = new TargetLeases(client, names, Duration.ofMinutes(5), Duration.ofMinutes(5), "me", 100);
        // One account: 200 calls an hour, less 10 %: enough for one busy tag (about 850 calls an hour), not two.
        CapturePlanning planning = new CapturePlanning(
                client,
                names,
                new CapturePlanner.Budget(1000, -1, 24, 100, 0.8, Duration.ofMinutes(1), Duration.ofMinutes(5), 1),
                leases,
                100);

        List<CapturePlanner.Planned> plans = planning.plan(Set.of("hashtag:other", "hashtag:quiet"), NOW);

        assertThat(plans)
                .filteredOn(CapturePlanner.Planned::underCovered)
                .extracting(CapturePlanner.Planned::id)
                .containsExactly("hashtag:other@instagram");
        client.indices().refresh(r -> r.index(names.targetCoverage()));
        TargetCoverageDocument other = read("other");
        assertThat(other.plan().underCovered()).isTrue();
        assertThat(other.plan().reason()).isEqualTo("account_budget");
        assertThat(other.plan().expectedShare()).isBetween(0.05, 0.2);
        assertThat(other.intervalSeconds()).isEqualTo(300);
        assertThat(other.ratePerHour()).as("the walk's fields stay").isEqualTo(20_000.0);
        TargetCoverageDocument campaign = read("campaign");
        assertThat(campaign.plan().underCovered()).isFalse();
        assertThat(campaign.plan().expectedShare()).isEqualTo(1.0);
        assertThat(campaign.nextDueAt()).isEqualTo(NOW.plusSeconds(campaign.intervalSeconds()));
        assertThat(read("quiet").plan().underCovered()).isFalse();
    }

    @Test
    void aStreamedTargetIsNotPlannedFromItsStreamsRate() throws IOException {
        TargetDocument document =
                TargetDocument.watch(TargetDocument.Kind.HASHTAG, "sky", List.of(Platform.BLUESKY), List.of(), NOW);
        client.index(i -> i.index(names.targets()).id(document.id()).document(document));
        // A quiet stream: planned from this rate, the target would wait the longest interval for its next cycle.
        ledger("sky", 0.5, Platform.BLUESKY);
        client.indices().refresh(r -> r.index(names.targets(), names.targetCoverage()));
        TargetLeases leases = new TargetLeases(client, names, Duration.ofMinutes(5), Duration.ofMinutes(5), "me", 100);
        CapturePlanning planning = new CapturePlanning(
                client,
                names,
                new CapturePlanner.Budget(1000, -1, 24, 100, 0.8, Duration.ofMinutes(1), Duration.ofHours(6), 1),
                leases,
                100);

        List<CapturePlanner.Planned> plans = planning.plan(Set.of("hashtag:sky"), NOW);

        assertThat(plans).extracting(CapturePlanner.Planned::id).doesNotContain("hashtag:sky@bluesky");
        client.indices().refresh(r -> r.index(names.targetCoverage()));
        assertThat(new CoverageLedger(client, names)
                        .read(List.of("hashtag:sky@bluesky"))
                        .get("hashtag:sky@bluesky")
                        .plan())
                .as("the stream's ledger gets no plan")
                .isNull();
    }

    private void target(String tag, List<String> campaigns) throws IOException {
        TargetDocument document =
                TargetDocument.watch(TargetDocument.Kind.HASHTAG, tag, List.of(Platform.INSTAGRAM), campaigns, NOW);
        client.index(i -> i.index(names.targets()).id(document.id()).document(document));
    }

    private void ledger(String tag, double rate) throws IOException {
        ledger(tag, rate, Platform.INSTAGRAM);
    }

    private void ledger(String tag, double rate, Platform platform) throws IOException {
        TargetCoverageDocument ledger = new TargetCoverageDocument(
                "hashtag:" + tag,
                TargetDocument.Kind.HASHTAG,
                tag,
                platform,
                new TargetCoverageDocument.Mark(NOW, "1"),
                NOW.minus(Duration.ofHours(1)),
                null,
                rate,
                NOW,
                null,
                null,
                10,
                10,
                0,
                null,
                NOW);
        new CoverageLedger(client, names).write(List.of(ledger), List.of());
    }

    private TargetCoverageDocument read(String tag) throws IOException {
        Map<String, TargetCoverageDocument> found =
                new CoverageLedger(client, names).read(List.of("hashtag:" + tag + "@instagram"));
        return found.get("hashtag:" + tag + "@instagram");
    }
}
