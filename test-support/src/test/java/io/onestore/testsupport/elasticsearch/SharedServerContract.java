package io.onestore.testsupport.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Run by two test classes: whichever runs second must find the very server the first one used. */
abstract class SharedServerContract {

    private static final AtomicReference<String> FIRST_CLUSTER_UUID = new AtomicReference<>();

    @Test
    void everyTestClassSharesOneServer() throws Exception {
        ElasticsearchTestServer server = ElasticsearchTestServer.global();

        assertThat(ElasticsearchTestServer.global()).isSameAs(server);
        assertThat(ElasticsearchTestServer.launchesInThisJvm()).isLessThanOrEqualTo(1);
        String uuid = clusterUuid(server.url());
        FIRST_CLUSTER_UUID.compareAndSet(null, uuid);
        assertThat(uuid).isEqualTo(FIRST_CLUSTER_UUID.get());
    }

    @Test
    void rootAnswers405SoHealthIsTheReadinessCheck() throws Exception {
        String url = ElasticsearchTestServer.global().url();
        assertThat(ClusterHealth.isReady(url)).isTrue();
    }

    private static String clusterUuid(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(url + "/_cluster/state/metadata?filter_path=metadata.cluster_uuid"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
