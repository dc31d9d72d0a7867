package io.onestore.query.campaign;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.onestore.model.document.CampaignDocument;
import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.model.text.Hashtags;
import io.onestore.model.text.Mentions;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.insight.Bounds;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Campaigns: stored in {@code onestore-campaigns}, their hashtags and handles registered as targets. */
@Service
public class CampaignService {

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
        List<CampaignTargets.Change> changes = new ArrayList<>();
        for (String tag : campaign.hashtags()) {
            changes.add(new CampaignTargets.Change(
                    TargetDocument.idOf(TargetDocument.Kind.HASHTAG, tag),
                    TargetDocument.Kind.HASHTAG,
                    tag,
                    campaign.platforms()));
        }
        for (String handle : campaign.handles()) {
            changes.add(new CampaignTargets.Change(
                    TargetDocument.idOf(TargetDocument.Kind.PROFILE, handle),
                    TargetDocument.Kind.PROFILE,
                    handle,
                    campaign.platforms()));
        }
        BulkOperation store = BulkOperation.of(
                o -> o.create(c -> c.index(names.campaigns()).id(campaign.id()).document(campaign)));
        targets.add(campaign.id(), changes, store);
        return CampaignResponse.of(campaign);
    }

    public List<CampaignResponse> list(int limit) throws IOException {
        int size = Bounds.check("limit", limit, 1, limits.maxCampaigns());
        var response = client.search(
                s -> s.index(names.campaigns())
                        .size(size)
                        .sort(o -> o.field(f -> f.field("created_at").order(SortOrder.Desc))),
                CampaignDocument.class);
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

    private CampaignDocument validated(CampaignRequest request) {
        List<String> hashtags = normalised(request.hashtags(), "hashtag", true);
        List<String> handles = normalised(request.handles(), "handle", false);
        if (hashtags.isEmpty() && handles.isEmpty()) {
            throw new ApiException(ProblemType.INVALID_BODY, "a campaign needs at least one hashtag or handle");
        }
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
            var normal = hashtag ? Hashtags.normalize(value) : Mentions.normalize(value);
            values.add(normal.orElseThrow(() -> new ApiException(
                    hashtag ? ProblemType.INVALID_HASHTAG : ProblemType.INVALID_BODY,
                    "'" + value + "' is not a valid " + what)));
        }
        if (values.size() > limits.maxHashtags()) {
            throw new ApiException(
                    hashtag ? ProblemType.TOO_MANY_HASHTAGS : ProblemType.INVALID_BODY,
                    "at most " + limits.maxHashtags() + " " + what + "s per campaign");
        }
        return List.copyOf(values);
    }
}
