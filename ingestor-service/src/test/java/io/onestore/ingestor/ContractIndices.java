package io.onestore.ingestor;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import java.io.IOException;

/**
 * The index contract installed under a test class's own prefix on the shared test server, the way the ingestor
 * installs it: a client with the contract's JSON mapping, the names, and exact counts. Install once per test class
 * ({@code @BeforeAll}); installing per test is slow on a shared machine, so tests empty the indices instead
 * ({@link IndexCounts#deleteAll}).
 */
public final class ContractIndices implements AutoCloseable {

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final IndexCounts counts;

    private ContractIndices(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
        this.counts = new IndexCounts(client);
    }

    /** Installs every alias of the contract under {@code testClass}'s prefix. */
    public static ContractIndices install(Class<?> testClass) {
        ElasticsearchClient client =
                ElasticsearchTestServer.global().newClient(ContractJson.configure(new ObjectMapper()));
        ContractIndices indices =
                new ContractIndices(client, new IndexNames(ElasticsearchTestServer.indexPrefix(testClass)));
        new IndexBootstrap(client, indices.names).installAll();
        return indices;
    }

    public ElasticsearchClient client() {
        return client;
    }

    public IndexNames names() {
        return names;
    }

    public IndexCounts counts() {
        return counts;
    }

    /** Closes the client; the indices stay (their prefix is the test class's own). */
    @Override
    public void close() throws IOException {
        client._transport().close();
    }
}
