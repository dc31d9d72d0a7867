package io.onestore.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.Refresh;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.query.ContractIndices;
import io.onestore.query.TestProperties;
import io.onestore.query.web.StoreUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creating a campaign registers its targets; deleting it removes the targets no other campaign needs. */
class CampaignTargetsTest {

    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    static ContractIndices es;
    static CampaignService campaigns;

    @BeforeAll
    static void setUp() {
        es = ContractIndices.install(CampaignTargetsTest.class);
        campaigns = service(es);
    }

    static CampaignService service(ContractIndices indices) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new CampaignService(
                indices.client(),
                indices.names(),
                new CampaignTargets(indices.client(), indices.names(), clock),
                TestProperties.defaults(),
                clock);
    }

    @AfterAll
    static void tearDown() throws Exception {
        es.close();
    }

    @Test
    void campaignsShareTargetsAndTheLastOneOutRemovesThem() throws Exception {
        // The ingestor already watches #run and holds a lease on it: the campaign must not lose that.
        TargetDocument watched = TargetDocument.watch(
                        TargetDocument.Kind.HASHTAG, "run", List.of(Platform.INSTAGRAM), List.of(), NOW)
                .withLease("ingestor-1", NOW.plusSeconds(60))
                .withLastFetch(NOW, "ok");
        es.client().index(i -> i.index(es.names().targets())
                .id("hashtag:run")
                .document(watched)
                .refresh(Refresh.True));

        String a = campaigns
                .create(request("A", List.of("#Nike", "run"), List.of("@Nike"), List.of(Platform.X)))
                .id();
        String b = campaigns
                .create(request("B", List.of("nike"), List.of(), List.of(Platform.INSTAGRAM)))
                .id();

        assertThat(target("hashtag:nike").campaignIds()).containsExactly(a, b);
        assertThat(target("hashtag:nike").platforms()).containsExactly(Platform.X, Platform.INSTAGRAM);
        assertThat(target("profile:nike").campaignIds()).containsExactly(a);
        assertThat(target("profile:nike").kind()).isEqualTo(TargetDocument.Kind.PROFILE);
        TargetDocument run = target("hashtag:run");
        assertThat(run.campaignIds()).containsExactly(a);
        assertThat(run.leaseOwner()).isEqualTo("ingestor-1");
        assertThat(run.platforms()).containsExactly(Platform.INSTAGRAM, Platform.X);
        assertThat(campaigns.get(a).hashtags()).containsExactly("nike", "run");
        assertThat(campaigns.list(10)).extracting(CampaignResponse::name).containsExactlyInAnyOrder("A", "B");

        campaigns.delete(a);

        assertThat(target("hashtag:nike").campaignIds()).containsExactly(b);
        assertThat(target("hashtag:run")).isNull();
        assertThat(target("profile:nike")).isNull();
        assertThatThrownBy(() -> campaigns.get(a)).isInstanceOf(CampaignNotFoundException.class);
        assertThatThrownBy(() -> campaigns.delete(a)).isInstanceOf(CampaignNotFoundException.class);

        campaigns.delete(b);
        assertThat(target("hashtag:nike")).isNull();
    }

    @Test
    void withoutTheContractNothingIsAutoCreatedAndTheCallerIsToldToRetry() throws Exception {
        try (ContractIndices bare = ContractIndices.bare(CampaignTargetsTest.class)) {
            CampaignService service = service(bare);

            assertThatThrownBy(() -> service.create(request("A", List.of("nike"), List.of(), List.of())))
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.contractMissing())
                            .isTrue());
            assertThat(bare.client()
                            .indices()
                            .exists(e -> e.index(bare.names().campaigns()))
                            .value())
                    .isFalse();
            assertThat(bare.client()
                            .indices()
                            .exists(e -> e.index(bare.names().targets()))
                            .value())
                    .isFalse();
        }
    }

    private static CampaignRequest request(String name, List<String> tags, List<String> handles, List<Platform> on) {
        return new CampaignRequest(name, tags, handles, on, Instant.parse("2026-10-10T00:00:00Z"), null, null, null);
    }

    private static TargetDocument target(String id) throws IOException {
        var response = es.client().get(g -> g.index(es.names().targets()).id(id), TargetDocument.class);
        return response.found() ? response.source() : null;
    }
}
