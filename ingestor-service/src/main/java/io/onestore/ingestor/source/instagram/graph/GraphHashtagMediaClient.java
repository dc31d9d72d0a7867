package io.onestore.ingestor.source.instagram.graph;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * {@code GET /{hashtag-id}/recent_media} and {@code /top_media} ({@code ?user_id=&fields=&after=}): a hashtag's media,
 * page by page. Recent media covers the last 24 hours only, top media the most popular; both lack the author.
 */
public final class GraphHashtagMediaClient {

    /** Which list of a hashtag to read. */
    public enum Edge {
        RECENT_MEDIA,
        TOP_MEDIA;

        String path() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final InstagramExchange exchange;
    private final int pageSize;

    public GraphHashtagMediaClient(InstagramExchange exchange, int pageSize) {
        this.exchange = exchange;
        this.pageSize = pageSize;
    }

    /** @param after the previous page's cursor; null for the first page */
    public Mono<FetchOutcome<GraphMediaPage>> page(String hashtagId, Edge edge, String after, Account account) {
        return exchange.get(
                edge.path(),
                uri -> {
                    uri.path("/{hashtag}/" + edge.path())
                            .queryParam("user_id", "{user}")
                            .queryParam("fields", GraphMedia.FIELDS)
                            .queryParam("limit", pageSize)
                            .queryParam("access_token", "{token}");
                    if (after != null) {
                        uri.queryParam("after", "{after}");
                        return uri.build(hashtagId, account.igUserId(), account.token(), after);
                    }
                    return uri.build(hashtagId, account.igUserId(), account.token());
                },
                headers -> {},
                GraphMediaPage::from);
    }
}
