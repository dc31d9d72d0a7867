package io.onestore.ingestor.enrich;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.util.NamedValue;
import io.onestore.ingestor.config.EnrichSettings;
import io.onestore.model.document.Platform;
import io.onestore.model.index.IndexNames;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
    /**
     * Whose authors, and how an author is named: on Instagram by username (post {@code author.username}, snapshot
     * {@code username}); on Bluesky by DID (post {@code author.id}, snapshot {@code user_id}), since the stream's
     * posts carry no handle.
     */
    record Who(Platform platform, String postField, String snapshotField) {
        static final Who INSTAGRAM = new Who(Platform.INSTAGRAM, "author.username", "username");
        static final Who BLUESKY = new Who(Platform.BLUESKY, "author.id", "user_id");
    }

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Who who;

    AuthorCandidates(ElasticsearchClient client, IndexNames names) {
        this(client, names, Who.INSTAGRAM);
    }

    AuthorCandidates(ElasticsearchClient client, IndexNames names, Who who) {
        this.client = client;
        this.names = names;
        this.who = who;
    }

    /**
     * For each of {@code tags}, up to {@code perOrder} authors (usernames on Instagram, DIDs on Bluesky) by total engagement and up to
     * {@code perOrder} by posts, over the tag's posts published since {@code since}; each username once, interleaved
     * across the tags rank by rank (every tag's best first), engagement ranks before post ranks, ties by name. Per
     * tag, so that a loud tag (a campaign's) does not crowd the others' authors out.
     */
    List<String> top(Collection<String> tags, Instant since, int perOrder) throws IOException {
        List<String> tagList = List.copyOf(tags);
        Query filter = Query.of(q -> q.bool(b -> b.filter(terms("hashtags", tagList))
                .filter(f ->
                        f.term(t -> t.field("platform").value(who.platform().key())))
                .filter(f -> f.exists(e -> e.field(who.postField())))
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
                        .aggregations(BY_ENGAGEMENT, e -> e.terms(t -> t.field(who.postField())
                                        .size(perOrder)
                                        .order(List.of(
                                                NamedValue.of(ENGAGEMENT, SortOrder.Desc),
                                                NamedValue.of("_key", SortOrder.Asc))))
                                .aggregations(ENGAGEMENT, m -> m.sum(x -> x.field("engagement"))))
                        .aggregations(
                                BY_POSTS,
                                p -> p.terms(t -> t.field(who.postField())
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

    /** When each of {@code usernames} (DIDs on Bluesky) was last captured as a profile; absent when never. */
    Map<String, Instant> lastCaptured(List<String> usernames) throws IOException {
        Map<String, Instant> last = new HashMap<>();
        if (usernames.isEmpty()) {
            return last;
        }
        var response = client.search(
                s -> s.index(names.profileSnapshots())
                        .size(0)
                        .query(q -> q.bool(b -> b.filter(terms(who.snapshotField(), usernames))
                                .filter(f -> f.term(t ->
                                        t.field("platform").value(who.platform().key())))))
                        .aggregations(USERS, a -> a.terms(
                                        t -> t.field(who.snapshotField()).size(usernames.size()))
                                .aggregations(LAST, m -> m.max(x -> x.field("captured_at")))),
                Void.class);
        for (StringTermsBucket bucket :
                response.aggregations().get(USERS).sterms().buckets().array()) {
            last.put(bucket.key().stringValue(), Instant.ofEpochMilli((long)
                    bucket.aggregations().get(LAST).max().value()));
        }
        return last;
    }

    /**
     * The authors to enrich now, at most {@code max}: the top authors of {@code tags} not refused within the period,
     * those never captured first, then those whose last snapshot is older than {@code refresh-after}. Forgets
     * refusals older than the period.
     */
    List<String> due(
            Collection<String> tags, Instant now, EnrichSettings settings, Map<String, Instant> refused, int max)
            throws IOException {
        Instant stale = now.minus(settings.refreshAfter());
        refused.values().removeIf(at -> at.isBefore(stale));
        List<String> top = top(tags, now.minus(settings.lookback()), settings.candidates()).stream()
                .map(u -> u.toLowerCase(Locale.ROOT))
                .distinct()
                .filter(u -> !refused.containsKey(u))
                .toList();
        Map<String, Instant> last = lastCaptured(top);
        List<String> due = new ArrayList<>();
        top.stream().filter(u -> !last.containsKey(u)).forEach(due::add);
        top.stream()
                .filter(u -> last.containsKey(u) && last.get(u).isBefore(stale))
                .forEach(due::add);
        return due.subList(0, Math.min(max, due.size()));
    }

    private static Query terms(String field, Collection<String> values) {
        List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
    }
}
