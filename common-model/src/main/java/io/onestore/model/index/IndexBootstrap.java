package io.onestore.model.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the contract on a cluster: puts every index template, creates the first concrete index behind each alias
 * that does not exist yet, and applies additive mapping changes to indices that already exist (a new field in a
 * template reaches the live index without a reindex). Idempotent and safe when two processes run it at once.
 *
 * <p>Only the ingestor calls this at start-up (design.md §1); tests call it to get the same indices.
 */
public final class IndexBootstrap {

    private final ElasticsearchClient client;
    private final IndexNames names;

    public IndexBootstrap(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** Installs every alias of the contract; returns the aliases whose first index this call created. */
    public List<IndexAlias> installAll() {
        List<IndexAlias> created = new ArrayList<>();
        for (IndexAlias alias : IndexAlias.values()) {
            if (install(alias)) {
                created.add(alias);
            }
        }
        return created;
    }

    /** Installs one alias; true when this call created its first index. */
    public boolean install(IndexAlias alias) {
        try {
            putTemplate(alias);
            if (client.indices().existsAlias(r -> r.name(names.alias(alias))).value()) {
                putMappings(alias);
                return false;
            }
            return createFirstIndex(alias);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Elasticsearch to install " + names.alias(alias), e);
        }
    }

    private void putTemplate(IndexAlias alias) throws IOException {
        String body = IndexTemplates.indexTemplate(names, alias).toString();
        client.indices().putIndexTemplate(r -> r.name(names.template(alias)).withJson(new StringReader(body)));
    }

    private void putMappings(IndexAlias alias) throws IOException {
        String mappings = IndexTemplates.mappings(alias).toString();
        client.indices().putMapping(r -> r.index(names.alias(alias)).withJson(new StringReader(mappings)));
    }

    private boolean createFirstIndex(IndexAlias alias) throws IOException {
        try {
            client.indices().create(r -> r.index(names.firstIndex(alias))
                    .aliases(names.alias(alias), a -> a.isWriteIndex(true)));
            return true;
        } catch (ElasticsearchException e) {
            // Another process created it between our check and our create: that is the outcome we wanted.
            if ("resource_already_exists_exception".equals(e.error().type())) {
                return false;
            }
            throw e;
        }
    }
}
