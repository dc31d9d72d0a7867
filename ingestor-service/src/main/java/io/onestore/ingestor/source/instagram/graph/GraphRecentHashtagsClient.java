package io.onestore.ingestor.source.instagram.graph;

import io.onestore.ingestor.account.Account;
import io.onestore.ingestor.source.FetchOutcome;
import io.onestore.ingestor.source.instagram.InstagramExchange;
import io.onestore.ingestor.source.instagram.JsonFields;
import io.onestore.model.text.Hashtags;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * {@code GET /{ig-user-id}/recently_searched_hashtags?fields=id,name}: the hashtags that already count against the
 * account's 30-per-7-days quota, so the pool does not hand it 30 new ones on top.
 */
public final class GraphRecentHashtagsClient {

    private final InstagramExchange exchange;

    public GraphRecentHashtagsClient(InstagramExchange exchange) {
        this.exchange = exchange;
    }

    /** The normalised names of the hashtags the account searched in the current window. */
    public Mono<FetchOutcome<List<String>>> recentlySearched(Account account) {
        return exchange.get(
                "recently_searched_hashtags",
                uri -> uri.path("/{user}/recently_searched_hashtags")
                        .queryParam("fields", "id,name")
                        .queryParam("limit", 50)
                        .queryParam("access_token", "{token}")
                        .build(account.igUserId(), account.token()),
                headers -> {},
                root -> {
                    if (!root.path("data").isArray()) {
                        throw new IllegalArgumentException("no data array");
                    }
                    List<String> names = new ArrayList<>();
                    root.path("data").forEach(hashtag -> Hashtags.normalize(JsonFields.optText(hashtag.path("name")))
                            .ifPresent(names::add));
                    return names;
                });
    }
}
