package io.onestore.ingestor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.ingestor.IngestTestSettings;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import io.onestore.testsupport.net.TcpProxy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

class IndexInstallerTest {

    @Test
    void startsWhileElasticsearchIsDownAndInstallsTheContractOnceItIsUp() throws IOException {
        IndexNames names = new IndexNames(ElasticsearchTestServer.indexPrefix(IndexInstallerTest.class));
        try (TcpProxy proxy = new TcpProxy(ElasticsearchTestServer.global().url())) {
            proxy.cut();
            RestClient rest = RestClient.builder(HttpHost.create(proxy.url())).build();
            ElasticsearchClient client = new ElasticsearchClient(
                    new RestClientTransport(rest, new JacksonJsonpMapper(ContractJson.configure(new ObjectMapper()))));
            IndexInstaller installer = new IndexInstaller(
                    new IndexBootstrap(client, names),
                    IngestTestSettings.of(Path.of("unused")).bootstrap());
            try {
                installer.start();
                assertThat(installer.isRunning()).isTrue();
                await().during(Duration.ofMillis(500))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> !installer.isInstalled());

                proxy.restore();
                await().atMost(Duration.ofSeconds(60)).until(installer::isInstalled);
                assertThat(client.indices()
                                .existsAlias(a -> a.name(names.posts()))
                                .value())
                        .isTrue();
            } finally {
                installer.stop();
                client._transport().close();
            }
        }
    }
}
