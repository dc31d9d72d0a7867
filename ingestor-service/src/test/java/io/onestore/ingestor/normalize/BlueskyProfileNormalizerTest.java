package io.onestore.ingestor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.document.Platform;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.json.ContractJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** AppView profiles (recorded shapes) into Bluesky profile snapshots. */
class BlueskyProfileNormalizerTest {

    static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
    final BlueskyProfileNormalizer normalizer = new BlueskyProfileNormalizer();

    @Test
    void aProfileViewIsASnapshotWithItsDidHandleAndCounts() throws Exception {
        JsonNode view = ContractJson.mapper().readTree(Fixtures.read("bluesky/appview-get-profile.json"));

        ProfileSnapshotDocument snapshot = normalizer.snapshot(view, AT);

        assertThat(snapshot.platform()).isEqualTo(Platform.BLUESKY);
        assertThat(snapshot.userId()).isEqualTo("did:plc:z72i7hdynmk6r22z27h6tvur");
        assertThat(snapshot.username()).isEqualTo("bsky.app");
        assertThat(snapshot.fullName()).isEqualTo("Bluesky");
        assertThat(snapshot.followers()).isEqualTo(32_914_521L);
        assertThat(snapshot.following()).isEqualTo(8L);
        assertThat(snapshot.mediaCount()).isEqualTo(741L);
        assertThat(snapshot.verified()).isFalse();
        assertThat(snapshot.isPrivate()).isFalse();
        assertThat(snapshot.source()).isEqualTo("bluesky-appview");
        assertThat(snapshot.capturedAt()).isEqualTo(AT);
    }

    @Test
    void anUnverifiedHandleFallsBackToTheDidAndMissingCountsStayAbsent() throws Exception {
        JsonNode view = ContractJson.mapper()
                .readTree("{\"did\":\"did:plc:ragtjsm2j2vknwkz3zp4oxrd\",\"handle\":\"handle.invalid\","
                        + "\"displayName\":\"\",\"labels\":[]}");

        ProfileSnapshotDocument snapshot = normalizer.snapshot(view, AT);

        assertThat(snapshot.username()).isEqualTo("did:plc:ragtjsm2j2vknwkz3zp4oxrd");
        assertThat(snapshot.fullName()).isNull();
        assertThat(snapshot.followers()).isNull();
        assertThat(snapshot.verified()).isNull();
    }
}
