package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.web.StoreErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The reads and writes of {@code onestore-targets} a campaign change needs: documents with their sequence numbers
 * (for {@code if_seq_no} writes), and one bulk request that refreshes before it answers so the next read sees it.
 * Every write sets {@code require_alias}: a missing alias is an error, never an index auto-created with a guessed
 * mapping.
 */
@Component
class TargetStore {

    /** Targets referring to one campaign are at most this many (2 × max-hashtags in practice). */
    static final int MAX_TARGETS_PER_CAMPAIGN = 1000;

    /** A target as read, with what a conditional write needs. */
    record Versioned(TargetDocument doc, long seqNo, long primaryTerm) {}

    private final ElasticsearchClient client;
    private final IndexNames names;

    TargetStore(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    String index() {
        return names.targets();
    }

    Map<String, Versioned> read(Set<String> ids) throws IOException {
        Map<String, Versioned> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        MgetResponse<TargetDocument> response =
                client.mget(m -> m.index(names.targets()).ids(new ArrayList<>(ids)), TargetDocument.class);
        for (MultiGetResponseItem<TargetDocument> item : response.docs()) {
            if (item.isFailure()) {
                throw StoreErrors.of(item.failure().error(), 0, "target read");
            }
            var result = item.result();
            if (result.found()) {
                found.put(result.id(), new Versioned(result.source(), result.seqNo(), result.primaryTerm()));
            }
        }
        return found;
    }

    Map<String, Versioned> readByCampaign(String campaignId) throws IOException {
        var response = client.search(
                CampaignTargetsQuery.of(names.targets(), campaignId, MAX_TARGETS_PER_CAMPAIGN), TargetDocument.class);
        Map<String, Versioned> found = new LinkedHashMap<>();
        response.hits().hits().forEach(h -> found.put(h.id(), new Versioned(h.source(), h.seqNo(), h.primaryTerm())));
        return found;
    }

    List<BulkResponseItem> write(List<BulkOperation> operations) throws IOException {
        return client.bulk(b -> b.operations(operations).requireAlias(true).refresh(Refresh.WaitFor))
                .items();
    }
}
