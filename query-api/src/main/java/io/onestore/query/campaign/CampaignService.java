package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.onestore.model.document.CampaignDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.request.Bounds;
import io.onestore.query.request.Instants;
import io.onestore.query.request.TargetNames;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Campaigns: stored in {@code onestore-campaigns}, their hashtags and handles registered as targets. */
@Service
public class CampaignService {

    private static final Logger log = LoggerFactory.getLogger(CampaignService.class);

    static final int DEFAULT_PHASE_DAYS = 7;

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final CampaignTargets targets;
    private final QueryApiProperties.Limits limits;
    private final Clock clock;

    CampaignService(
            ElasticsearchClient client,
            IndexNames names,
            CampaignTargets targets,
            QueryApiProperties properties,
            Clock clock) {
        this.client = client;
        this.names = names;
        this.targets = targets;
        this.limits = properties.limits();
        this.clock = clock;
    }

    public CampaignResponse create(CampaignRequest request) throws IOException {
        CampaignDocument campaign = validated(request);
        List<TargetEdits.Change> changes = new ArrayList<>();
        for (String tag : campaign.hashtags()) {
            changes.add(new TargetEdits.Change(
                    TargetDocument.idOf(TargetDocument.Kind.HASHTAG, tag),
                    TargetDocument.Kind.HASHTAG,
                    tag,
                    campaign.platforms()));
        }
        for (String handle : campaign.handles()) {
            changes.add(new TargetEdits.Change(
                    TargetDocument.idOf(TargetDocument.Kind.PROFILE, handle),
                    TargetDocument.Kind.PROFILE,
                    handle,
                    campaign.platforms()));
        }
        BulkOperation store = BulkOperation.of(
                o -> o.create(c -> c.index(names.campaigns()).id(campaign.id()).document(campaign)));
        try {
            targets.add(campaign.id(), changes, store);
        } catch (IOException | RuntimeException e) {
            undo(campaign.id());
            throw e;
        }
        return CampaignResponse.of(campaign);
    }

    public List<CampaignResponse> list(int limit) throws IOException {
        int size = Bounds.check("limit", limit, 1, limits.maxCampaigns());
        var response = client.search(CampaignListQuery.of(names.campaigns(), size), CampaignDocument.class);
        return response.hits().hits().stream()
                .map(h -> CampaignResponse.of(h.source()))
                .toList();
    }

    public CampaignDocument get(String id) throws IOException {
        GetResponse<CampaignDocument> response =
                client.get(g -> g.index(names.campaigns()).id(id), CampaignDocument.class);
        if (!response.found() || response.source() == null) {
            throw new CampaignNotFoundException(id);
        }
        return response.source();
    }

    public void delete(String id) throws IOException {
        BulkOperation delete =
                BulkOperation.of(o -> o.delete(d -> d.index(names.campaigns()).id(id)));
        BulkResponseItem item = targets.remove(id, delete);
        if (item.status() == 404) {
            throw new CampaignNotFoundException(id);
        }
    }

    /**
     * Takes back a create that failed half-way: the campaign document if it was written, and its id from every target
     * (deleting the targets it alone needed), so a refused campaign leaves nothing for the ingestor to watch. If the
     * store is unreachable for this too, the log names the campaign to delete by hand.
     */
    private void undo(String campaignId) {
        try {
            targets.remove(
                    campaignId,
                    BulkOperation.of(
                            o -> o.delete(d -> d.index(names.campaigns()).id(campaignId))));
        } catch (IOException | RuntimeException e) {
            log.error(
                    "campaign {} failed half-way and could not be undone; its targets may remain: DELETE"
                            + " /api/v1/campaigns/{} once the store answers",
                    campaignId,
                    campaignId,
                    e);
        }
    }

    private CampaignDocument validated(CampaignRequest request) {
        List<String> hashtags = normalised(request.hashtags(), "hashtag", true);
        List<String> handles = normalised(request.handles(), "handle", false);
        if (hashtags.isEmpty() && handles.isEmpty()) {
            throw new ApiException(ProblemType.INVALID_BODY, "a campaign needs at least one hashtag or handle");
        }
        Instants.checked("start", request.start());
        Instants.checked("end", request.end());
        if (request.end() != null && !request.end().isAfter(request.start())) {
            throw new ApiException(ProblemType.INVALID_TIME_WINDOW, "'end' must be after 'start'");
        }
        List<Platform> platforms =
                request.platforms() == null || request.platforms().isEmpty()
                        ? List.of(Platform.INSTAGRAM)
                        : List.copyOf(new LinkedHashSet<>(request.platforms()));
        return new CampaignDocument(
                UUID.randomUUID().toString(),
                request.name().strip(),
                hashtags,
                handles,
                platforms,
                request.start(),
                request.end(),
                request.baselineDays() == null ? DEFAULT_PHASE_DAYS : request.baselineDays(),
                request.afterDays() == null ? DEFAULT_PHASE_DAYS : request.afterDays(),
                clock.instant());
    }

    private List<String> normalised(List<String> raw, String what, boolean hashtag) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : raw == null ? List.<String>of() : raw) {
            values.add(hashtag ? TargetNames.hashtag(value) : TargetNames.handle(value, "handles"));
        }
        if (values.size() > limits.maxHashtags()) {
            throw new ApiException(
                    hashtag ? ProblemType.TOO_MANY_HASHTAGS : ProblemType.INVALID_BODY,
                    "at most " + limits.maxHashtags() + " " + what + "s per campaign");
        }
        return List.copyOf(values);
    }
}
