package io.onestore.ingestor.enrich;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.util.NamedValue;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What enrichment reads back from Elasticsearch: the authors who matter around some tags (by total engagement and by
 * posts, as the influencer ranking sees them), and when each was last captured as a profile. Reading the indices,
 * not memory, keeps the once-per-period rule across restarts and between replicas.
 */
final class AuthorCandidates {

    private static final String TAGS = "tags";
    private static final String BY_ENGAGEMENT = "by_engagement";
    private static final String BY_POSTS = "by_posts";
    private static final String ENGAGEMENT = "engagement";
    private static final String USERS = "users";
    private static final String LAST = "last";
    private static final String USERNAME = "author.username";

    private final ElasticsearchClient client;
    private final IndexNames names;

    AuthorCandidates(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    /**
     * For each of {@code tags}, up to {@code perOrder} Instagram usernames by total engagement and up to
     * {@code perOrder} by posts, over the tag's posts published since {@code since}; each username once, interleaved
     * across the tags rank by rank (every tag's best first), engagement ranks before post ranks, ties by name. Per
     * tag, so that a loud tag (a campaign's) does not crowd the others' authors out.
     */
    List<String> top(Collection<String> tags, Instant since, int perOrder) throws IOException {
        List<String> tagList = List.copyOf(tags);
        Query filter = Query.of(q -> q.bool(b -> b.filter(terms("hashtags", tagList))
                .filter(f -> f.term(t -> t.field("platform").value(Platform.INSTAGRAM.key())))
                .filter(f -> f.exists(e -> e.field(USERNAME)))
                .filter(f -> f.range(r -> r.date(d -> d.field("published_at")
                        .gte(Long.toString(since.toEpochMilli()))
                        .format("epoch_millis"))))));
        // The cycle's own posts were just flushed: make them searchable, once per cycle, so its authors count now.
        client.indices().refresh(r -> r.index(names.posts(), names.profileSnapshots()));
        var response = client.search(
                s -> s.index(names.posts()).size(0).query(filter).aggregations(TAGS, a -> a.terms(
                                t -> t.field("hashtags")
                                        .include(i -> i.terms(tagList))
                                        .size(tagList.size()))
                        .aggregations(BY_ENGAGEMENT, e -> e.terms(t -> t.field(USERNAME)
                                        .size(perOrder)
                                        .order(List.of(
                                                NamedValue.of(ENGAGEMENT, SortOrder.Desc),
                                                NamedValue.of("_key", SortOrder.Asc))))
                                .aggregations(ENGAGEMENT, m -> m.sum(x -> x.field("engagement"))))
                        .aggregations(
                                BY_POSTS,
                                p -> p.terms(t -> t.field(USERNAME)
                                        .size(perOrder)
                                        .order(List.of(
                                                NamedValue.of("_count", SortOrder.Desc),
                                                NamedValue.of("_key", SortOrder.Asc)))))),
                Void.class);
        List<StringTermsBucket> perTag =
                response.aggregations().get(TAGS).sterms().buckets().array();
        Set<String> usernames = new LinkedHashSet<>();
        for (String order : List.of(BY_ENGAGEMENT, BY_POSTS)) {
            List<List<StringTermsBucket>> ranked = perTag.stream()
                    .map(tag -> tag.aggregations().get(order).sterms().buckets().array())
                    .toList();
            for (int rank = 0; rank < perOrder; rank++) {
                for (List<StringTermsBucket> authors : ranked) {
                    if (rank < authors.size()) {
                        usernames.add(authors.get(rank).key().stringValue());
                    }
                }
            }
        }
        return List.copyOf(usernames);
    }

    /** When each of {@code usernames} was last captured as an Instagram profile; absent when never. */
    Map<String, Instant> lastCaptured(List<String> usernames) throws IOException {
        Map<String, Instant> last = new HashMap<>();
        if (usernames.isEmpty()) {
            return last;
        }
        var response = client.search(
                s -> s.index(names.profileSnapshots())
                        .size(0)
                        .query(q -> q.bool(b -> b.filter(terms("username", usernames))
                                .filter(f -> f.term(t -> t.field("platform").value(Platform.INSTAGRAM.key())))))
                        .aggregations(
                                USERS, a -> a.terms(t -> t.field("username").size(usernames.size()))
                                        .aggregations(LAST, m -> m.max(x -> x.field("captured_at")))),
                Void.class);
        for (StringTermsBucket bucket :
                response.aggregations().get(USERS).sterms().buckets().array()) {
            last.put(bucket.key().stringValue(), Instant.ofEpochMilli((long)
                    bucket.aggregations().get(LAST).max().value()));
        }
        return last;
    }

    private static Query terms(String field, Collection<String> values) {
        List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
    }
}
