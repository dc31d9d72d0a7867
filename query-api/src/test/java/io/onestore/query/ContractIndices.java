package io.onestore.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.model.document.CoverageGapDocument;
import io.onestore.model.document.PostDocument;
import io.onestore.model.document.ProfileSnapshotDocument;
import io.onestore.model.document.TagSnapshotDocument;
import io.onestore.model.document.TagVolumeDocument;
import io.onestore.model.document.TargetCoverageDocument;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexAlias;
import io.onestore.model.index.IndexBootstrap;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import io.onestore.query.coverage.CoverageService;
import io.onestore.testsupport.elasticsearch.ElasticsearchTestServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The contract installed under a test class's own prefix on the shared test server, the way the ingestor installs
 * it, and a way to index a fixed dataset exactly as the ingestor writes it. {@link #close()} deletes the concrete
 * indices and templates by name (the server refuses wildcard deletes).
 */
public final class ContractIndices implements AutoCloseable {

    public static final Duration CAPTURE_BUCKET = Duration.ofMinutes(5);

    private final ElasticsearchClient client;
    private final IndexNames names;

    private ContractIndices(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** Installs every alias of the contract under {@code testClass}'s prefix. */
    public static ContractIndices install(Class<?> testClass) {
        ContractIndices indices = bare(testClass);
        new IndexBootstrap(indices.client, indices.names).installAll();
        return indices;
    }

    /** A client and names under {@code testClass}'s prefix, with nothing installed. */
    public static ContractIndices bare(Class<?> testClass) {
        ElasticsearchClient client =
                ElasticsearchTestServer.global().newClient(ContractJson.configure(new ObjectMapper()));
        return new ContractIndices(client, new IndexNames(ElasticsearchTestServer.indexPrefix(testClass)));
    }

    /**
     * Points a {@code @SpringBootTest}'s service at the test Elasticsearch and at these indices. The suppliers are read
     * when the context starts, after {@code @BeforeAll} installed the indices.
     */
    public static void serve(DynamicPropertyRegistry registry, Supplier<ContractIndices> indices) {
        registry.add("spring.elasticsearch.uris", () -> ElasticsearchTestServer.global()
                .url());
        registry.add("onestore.index.prefix", () -> indices.get().names().prefix());
    }

    public ElasticsearchClient client() {
        return client;
    }

    public IndexNames names() {
        return names;
    }

    public void posts(List<PostDocument> posts) throws IOException {
        List<BulkOperation> ops = new ArrayList<>();
        for (PostDocument post : posts) {
            ops.add(BulkOperation.of(
                    o -> o.index(i -> i.index(names.posts()).id(post.id()).document(post))));
        }
        bulk(ops);
    }

    public void tagSnapshots(List<TagSnapshotDocument> snapshots) throws IOException {
        List<BulkOperation> ops = new ArrayList<>();
        for (TagSnapshotDocument s : snapshots) {
            ops.add(BulkOperation.of(o -> o.index(
                    i -> i.index(names.tagSnapshots()).id(s.id(CAPTURE_BUCKET)).document(s))));
        }
        bulk(ops);
    }

    /** Each hour under its deterministic id, as the ingestor writes it: the same hour twice is one document. */
    public void tagVolume(List<TagVolumeDocument> hours) throws IOException {
        bulk(hours.stream()
                .map(h -> BulkOperation.of(
                        o -> o.index(i -> i.index(names.tagVolume()).id(h.id()).document(h))))
                .toList());
    }

    public void profileSnapshots(List<ProfileSnapshotDocument> snapshots) throws IOException {
        List<BulkOperation> ops = new ArrayList<>();
        for (ProfileSnapshotDocument s : snapshots) {
            ops.add(BulkOperation.of(o -> o.index(i ->
                    i.index(names.profileSnapshots()).id(s.id(CAPTURE_BUCKET)).document(s))));
        }
        bulk(ops);
    }

    /** Coverage ledgers, gaps and targets as the ingestor (ledgers, gaps) and the campaign service (targets) write them. */
    public void ledger(
            List<TargetCoverageDocument> ledgers, List<CoverageGapDocument> gaps, List<TargetDocument> targets)
            throws IOException {
        List<BulkOperation> ops = new ArrayList<>();
        for (TargetCoverageDocument l : ledgers) {
            ops.add(BulkOperation.of(
                    o -> o.index(i -> i.index(names.targetCoverage()).id(l.id()).document(l))));
        }
        for (CoverageGapDocument g : gaps) {
            ops.add(BulkOperation.of(
                    o -> o.index(i -> i.index(names.coverageGaps()).id(g.id()).document(g))));
        }
        for (TargetDocument t : targets) {
            ops.add(BulkOperation.of(
                    o -> o.index(i -> i.index(names.targets()).id(t.id()).document(t))));
        }
        bulk(ops);
    }

    /** The coverage block's service over these indices, measuring up to {@code clock}'s now. */
    public CoverageService coverage(Clock clock) {
        return new CoverageService(client, names, clock);
    }

    private void bulk(List<BulkOperation> ops) throws IOException {
        BulkResponse response =
                client.bulk(b -> b.operations(ops).requireAlias(true).refresh(Refresh.True));
        if (response.errors()) {
            throw new IllegalStateException("test data refused: "
                    + response.items().stream()
                            .filter(i -> i.error() != null)
                            .map(i -> i.id() + " " + i.error().reason())
                            .toList());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            for (IndexAlias alias : IndexAlias.values()) {
                String index = names.firstIndex(alias);
                if (client.indices().exists(e -> e.index(index)).value()) {
                    client.indices().delete(d -> d.index(index));
                }
                client.indices().deleteIndexTemplate(d -> d.name(names.template(alias)));
            }
        } catch (ElasticsearchException ignored) {
            // a template never installed (bare()) is fine to miss
        } finally {
            client._transport().close();
        }
    }
}
