package io.onestore.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.onestore.model.document.PostDocument;
import io.onestore.model.index.IndexNames;
import io.onestore.query.post.PostSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** Post search: filters on hashtags, author and time, an optional caption text query, bounded pages. One search. */
@Service
public class PostSearchService {

    /** What a search filters on; every field optional, values already normalised. */
    /** @param platform a platform's key, or null for every platform */
    public record Criteria(
            List<String> hashtags, String author, String text, Instant from, Instant to, String platform) {

        public Criteria(List<String> hashtags, String author, String text, Instant from, Instant to) {
            this(hashtags, author, text, from, to, null);
        }
    }

    private final ElasticsearchClient client;
    private final IndexNames names;

    PostSearchService(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    public PostPage search(Criteria criteria, PostSort sort, int page, int size) throws IOException {
        var response = client.search(PostSearchQuery.of(names.posts(), criteria, sort, page, size), PostDocument.class);
        List<PostSummary> posts = response.hits().hits().stream()
                .map(h -> PostSummary.of(h.id(), h.source()))
                .toList();
        long total = response.hits().total() == null
                ? posts.size()
                : response.hits().total().value();
        return new PostPage(page, size, total, sort.key(), posts);
    }
}
